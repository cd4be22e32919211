-- core.vocational: pupils at vocational schools by Schulart (21121-01-05-4, measure pupils; sector is
-- the Schulart key) and, where a Kreis has them, entrants and pupils by iABE sector from the template
-- (LOCAL-IABE; sectors I, II, III, IV). School year 2024/25 -> 2024.
CREATE TABLE core.vocational (
    ags TEXT, period TEXT, year INTEGER, sector TEXT, measure TEXT, value DOUBLE, status TEXT,
    table_code TEXT
);
-- @requires 21121-01-05-4
INSERT INTO core.vocational
SELECT ags, period, period_year(period), 'schulart:' || "BILSA7_key", 'pupils', value, status, table_code
FROM stage."21121-01-05-4" WHERE value_code = 'BIL004';
-- @requires LOCAL-IABE
INSERT INTO core.vocational
SELECT ags, period, period_year(period), CASE sector WHEN 'INSGESAMT' THEN 'total' ELSE sector END,
       variable, value, status, table_code
FROM raw."LOCAL-IABE" WHERE variable IN ('entrants', 'pupils');
