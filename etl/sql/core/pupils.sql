-- core.pupils: pupils at general schools by Schulart (21111-01-03-4, Kreise; Schulort). The year is
-- the one the school year starts in (2023 = 2023/24, inferred from the Tabellen-CSV time column).
-- No public Gemeinde table is known.
CREATE TABLE core.pupils (
    ags TEXT, period TEXT, year INTEGER, school_type TEXT, value DOUBLE, status TEXT, table_code TEXT
);
-- @requires 21111-01-03-4
INSERT INTO core.pupils
SELECT ags, period, period_year(period), "BILSA8_key", value, status, table_code
FROM stage."21111-01-03-4" WHERE value_code = 'BIL003';
