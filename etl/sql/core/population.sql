-- core.population: every population table as it is delivered (stage.*, etl/stage.py), one row per
-- table, region, Stichtag, sex and age interval (age_to exclusive; total = 0 … NULL). Tables may
-- overlap: mart.population_bands takes, per band, the table with the newest Stand, then by code
-- (12411-01-01-4 totals, 12411-02-03-4 groups, 12411-04-02-4 and 12411-09i single years, 12411-15i
-- Gemeinde totals). Different values for the same figure are recorded in meta.revisions.
CREATE TABLE core.population (
    ags TEXT, period TEXT, year INTEGER, sex TEXT, age_from INTEGER, age_to INTEGER,
    value DOUBLE, status TEXT, table_code TEXT, stand TEXT
);
-- @requires 12411-01-01-4
INSERT INTO core.population
SELECT ags, period, period_year(period), "GES_key", 0, NULL, value, status, table_code, stand
FROM stage."12411-01-01-4" WHERE value_code = 'BEVSTD';
-- @requires 12411-02-03-4
INSERT INTO core.population
SELECT ags, period, period_year(period), "GES_key", coalesce("ALTX20_from", 0), "ALTX20_to", value, status,
       table_code, stand
FROM stage."12411-02-03-4" WHERE value_code = 'BEVSTD';
-- @requires 12411-02-03-5
INSERT INTO core.population
SELECT ags, period, period_year(period), "GES_key", coalesce("ALTX20_from", 0), "ALTX20_to", value, status,
       table_code, stand
FROM stage."12411-02-03-5" WHERE value_code = 'BEVSTD';
-- @requires 12411-04-02-4
INSERT INTO core.population
SELECT ags, period, period_year(period), "GES_key", coalesce("ALTX76_from", 0), "ALTX76_to", value, status,
       table_code, stand
FROM stage."12411-04-02-4" WHERE value_code = 'BEVSTD';
-- @requires 12411-09i
INSERT INTO core.population
SELECT ags, period, period_year(period), 'total', coalesce("ALTERSJAHRE_from", 0), "ALTERSJAHRE_to", value,
       status, table_code, stand
FROM stage."12411-09i" WHERE value_code = 'BEVSTD';
-- @requires 12411-15i
INSERT INTO core.population
SELECT ags, period, period_year(period), 'total', 0, NULL, value, status, table_code, stand
FROM stage."12411-15i" WHERE value_code = 'BEVSTD';
-- @always
-- revisions across tables: the same total of a region and Stichtag with different values
INSERT INTO meta.revisions
SELECT k.table_code, k.ags, k.period, 'BEVSTD/' || k.sex || '/insgesamt', k.value, k.stand, NULL, d.value, d.stand, NULL
FROM core.population k JOIN core.population d
  ON d.ags = k.ags AND d.period = k.period AND d.sex = k.sex AND d.age_from = 0 AND d.age_to IS NULL
 AND d.table_code <> k.table_code AND d.value IS DISTINCT FROM k.value
 AND (d.stand < k.stand OR (d.stand IS NULL AND k.stand IS NOT NULL))
WHERE k.age_from = 0 AND k.age_to IS NULL;
