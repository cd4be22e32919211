-- core.kita, Stichtag 1 March: children in care (all types of care, without double counting) under 3
-- (22543-03-01-4, KIND33) and 3 to 6 (22543-04-01-4, KIND34), the official care quota (KIND36,
-- measure rate) and the share cared for more than 7 hours (KIND38, measure fullday_share), approved
-- places (22541-01-04-4, PLZ005; all ages). Local planning data per Jugendamt/Gemeinde (LOCAL-KITA,
-- Kita-Jahr 2024/25 -> year 2025) where the official tables do not cover region, year and measure.
CREATE TABLE core.kita (
    ags TEXT, period TEXT, year INTEGER, age_band TEXT, measure TEXT, value DOUBLE, status TEXT,
    table_code TEXT
);
-- @requires 22543-03-01-4
INSERT INTO core.kita
SELECT ags, period, period_year(period), 'u3',
       CASE value_code WHEN 'KIND33' THEN 'children_in_care' WHEN 'KIND36' THEN 'rate'
           WHEN 'KIND38' THEN 'fullday_share' END,
       value, status, table_code
FROM stage."22543-03-01-4" WHERE "KINTE5_key" = 'total';
-- @requires 22543-04-01-4
INSERT INTO core.kita
SELECT s.ags, s.period, period_year(s.period), s."ALT544_key",
       CASE s.value_code WHEN 'KIND34' THEN 'children_in_care' WHEN 'KIND36' THEN 'rate'
           WHEN 'KIND38' THEN 'fullday_share' END,
       s.value, s.status, s.table_code
FROM stage."22543-04-01-4" s
WHERE s."KINTE5_key" = 'total'
  AND NOT EXISTS (SELECT 1 FROM core.kita c WHERE c.ags = s.ags AND c.year = period_year(s.period)
                  AND c.age_band = s."ALT544_key" AND c.table_code = '22543-03-01-4');
-- @requires 22541-01-04-4
INSERT INTO core.kita
SELECT ags, period, period_year(period), 'total', 'places', value, status, table_code
FROM stage."22541-01-04-4" WHERE value_code = 'PLZ005';
-- @requires LOCAL-KITA
INSERT INTO core.kita
SELECT r.ags, r.period, period_end_year(r.period),
       CASE r.age_band WHEN 'u3' THEN 'u3' WHEN '3to6' THEN '3to6' WHEN 'INSGESAMT' THEN 'total' END,
       CASE WHEN r.variable IN ('places', 'places_planned', 'children_in_care') THEN r.variable END,
       r.value, r.status, r.table_code
FROM raw."LOCAL-KITA" r
WHERE NOT EXISTS (SELECT 1 FROM core.kita c WHERE c.ags = r.ags AND c.year = period_end_year(r.period)
                  AND c.measure = r.variable);
