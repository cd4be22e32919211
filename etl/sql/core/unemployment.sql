-- core.unemployment: unemployed by person group (ERWP06 × ERWAQ7) and unemployment rates based on
-- all civilian labour force (ERWP10 × ERWAQ8), annual average (13211-02-05-4, Kreise; BA, unrounded).
CREATE TABLE core.unemployment (
    ags TEXT, period TEXT, year INTEGER, "group" TEXT, measure TEXT, value DOUBLE, status TEXT,
    table_code TEXT
);
-- @requires 13211-02-05-4
INSERT INTO core.unemployment
SELECT ags, period, period_year(period), "ERWAQ7_key", 'unemployed', value, status, table_code
FROM stage."13211-02-05-4" WHERE value_code = 'ERWP06' AND "ERWAQ8_key" = 'total';
INSERT INTO core.unemployment
SELECT ags, period, period_year(period), "ERWAQ8_key", 'rate', value, status, table_code
FROM stage."13211-02-05-4" WHERE value_code = 'ERWP10' AND "ERWAQ7_key" = 'total';
