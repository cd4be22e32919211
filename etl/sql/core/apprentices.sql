-- core.apprentices: apprentices (31.12.) and new contracts by Ausbildungsbereich, from the template
-- (LOCAL-AUSZUBILDENDE: IT.NRW / Kammer publications; no public Kreis table code is known).
CREATE TABLE core.apprentices (
    ags TEXT, period TEXT, year INTEGER, area TEXT, measure TEXT, value DOUBLE, status TEXT, table_code TEXT
);
-- @requires LOCAL-AUSZUBILDENDE
INSERT INTO core.apprentices
SELECT ags, period, period_year(period), CASE area WHEN 'INSGESAMT' THEN 'total' ELSE area END,
       variable, value, status, table_code
FROM raw."LOCAL-AUSZUBILDENDE" WHERE variable IN ('apprentices', 'new_contracts');
