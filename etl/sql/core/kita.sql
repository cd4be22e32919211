-- core.kita: children in care (22543-03-01-4), approved places (22541-01-04-4), Stichtag 1 March;
-- local planning data per Jugendamt/Gemeinde (LOCAL-KITA, Kita-Jahr 2024/25 -> year 2025) where the
-- official tables do not cover the region, year and measure.
CREATE TABLE core.kita (
    ags TEXT, period TEXT, year INTEGER, age_band TEXT, measure TEXT, value DOUBLE, status TEXT,
    table_code TEXT
);
-- @requires 22543-03-01-4
INSERT INTO core.kita
SELECT ags, period, period_year(period),
       CASE "ALTGR3" WHEN 'ALT000B03' THEN 'u3' WHEN 'ALT003B06' THEN '3to6' WHEN 'INSGESAMT' THEN 'total' END,
       CASE "BETRUM" WHEN 'INSGESAMT' THEN 'children_in_care' WHEN 'BETRUM-GT7' THEN 'children_fullday' END,
       value, status, table_code
FROM raw."22543-03-01-4";
-- @requires 22541-01-04-4
INSERT INTO core.kita
SELECT ags, period, period_year(period), 'total', 'places', value, status, table_code
FROM raw."22541-01-04-4";
-- @requires LOCAL-KITA
INSERT INTO core.kita
SELECT r.ags, r.period, period_end_year(r.period),
       CASE r.age_band WHEN 'u3' THEN 'u3' WHEN '3to6' THEN '3to6' WHEN 'INSGESAMT' THEN 'total' END,
       CASE WHEN r.variable IN ('places', 'places_planned', 'children_in_care') THEN r.variable END,
       r.value, r.status, r.table_code
FROM raw."LOCAL-KITA" r
WHERE NOT EXISTS (SELECT 1 FROM core.kita c WHERE c.ags = r.ags AND c.year = period_end_year(r.period)
                  AND c.measure = r.variable);
