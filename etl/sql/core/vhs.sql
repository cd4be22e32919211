-- core.vhs: Volkshochschulen (template), calendar year.
CREATE TABLE core.vhs (
    ags TEXT, period TEXT, year INTEGER, measure TEXT, value DOUBLE, status TEXT, table_code TEXT
);
-- @requires LOCAL-VHS
INSERT INTO core.vhs
SELECT ags, period, period_year(period),
       CASE WHEN variable IN ('hours', 'enrolments', 'courses') THEN variable END,
       value, status, table_code
FROM raw."LOCAL-VHS"
WHERE program_area = 'INSGESAMT';
