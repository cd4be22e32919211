-- core.unemployment: unemployed and unemployment rate, annual average (13211-02-05-4, older ffcsv).
CREATE TABLE core.unemployment (
    ags TEXT, period TEXT, year INTEGER, "group" TEXT, measure TEXT, value DOUBLE, status TEXT,
    table_code TEXT
);
-- @requires 13211-02-05-4
INSERT INTO core.unemployment
SELECT ags, period, period_year(period),
       CASE "PERSGR" WHEN 'INSGESAMT' THEN 'total' WHEN 'PERS-U25' THEN 'u25' END,
       CASE variable WHEN 'ERW001' THEN 'unemployed' WHEN 'ERWP02' THEN 'rate' END,
       value, status, table_code
FROM raw."13211-02-05-4";
