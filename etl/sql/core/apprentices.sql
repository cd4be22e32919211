-- core.apprentices: apprentices and new contracts by Ausbildungsbereich (21211-01i, Stichtag 31.12.).
CREATE TABLE core.apprentices (
    ags TEXT, period TEXT, year INTEGER, area TEXT, measure TEXT, value DOUBLE, status TEXT, table_code TEXT
);
-- @requires 21211-01i
INSERT INTO core.apprentices
SELECT ags, period, period_year(period),
       CASE leaf(variable) WHEN 'Industrie und Handel' THEN 'IH' WHEN 'Handwerk' THEN 'HW'
           WHEN 'Öffentlicher Dienst' THEN 'OD' WHEN 'Landwirtschaft' THEN 'LW' WHEN 'Freie Berufe' THEN 'FB'
           WHEN 'Hauswirtschaft' THEN 'HWI' WHEN 'Insgesamt' THEN 'total' END,
       CASE WHEN starts_with(variable, 'Auszubildende') THEN 'apprentices'
            WHEN starts_with(variable, 'Neu abgeschlossene Ausbildungsverträge') THEN 'new_contracts' END,
       value, status, table_code
FROM raw."21211-01i";
