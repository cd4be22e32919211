-- core.population: Kreis and higher levels from 12411-02-03-4 (14 age groups, by sex);
-- Gemeinden from 12411-09i (single years, total sex; Landesdatenbank NRW, so NRW only).
-- 12411-09i rows above Gemeinde level are used only for a region and year that 12411-02-03-4 does
-- not cover. 12411-02-03-5 (Regionaldatenbank, Gemeinden of all Germany, 14 age groups by sex) fills
-- the region-years that neither of them covers.
-- Labels and codes are mapped once per distinct value and joined (the Germany-wide tables are large).
CREATE TABLE core.population (
    ags TEXT, period TEXT, year INTEGER, sex TEXT, age_from INTEGER, age_to INTEGER,
    value DOUBLE, status TEXT, table_code TEXT
);
-- @requires 12411-02-03-4
INSERT INTO core.population
WITH ages AS (SELECT "ALTX14", age_from("ALTX14") AS age_from, age_to("ALTX14") AS age_to
              FROM (SELECT DISTINCT "ALTX14" FROM raw."12411-02-03-4")),
     periods AS (SELECT period, period_year(period) AS year FROM (SELECT DISTINCT period FROM raw."12411-02-03-4"))
SELECT r.ags, r.period, p.year,
       CASE r."GES" WHEN 'INSGESAMT' THEN 'total' WHEN 'GESM' THEN 'm' WHEN 'GESW' THEN 'f' END,
       a.age_from, a.age_to, r.value, r.status, r.table_code
FROM raw."12411-02-03-4" r JOIN ages a USING ("ALTX14") JOIN periods p USING (period);
-- @requires 12411-09i
INSERT INTO core.population
WITH ages AS (SELECT variable, age_from(leaf(variable)) AS age_from, age_to(leaf(variable)) AS age_to
              FROM (SELECT DISTINCT variable FROM raw."12411-09i")),
     periods AS (SELECT period, period_year(period) AS year FROM (SELECT DISTINCT period FROM raw."12411-09i")),
     covered AS (SELECT DISTINCT ags, year FROM core.population)
SELECT r.ags, r.period, p.year, 'total', a.age_from, a.age_to, r.value, r.status, r.table_code
FROM raw."12411-09i" r JOIN ages a USING (variable) JOIN periods p USING (period)
LEFT JOIN covered c ON c.ags = r.ags AND c.year = p.year
WHERE length(r.ags) = 8 OR c.ags IS NULL;
-- @requires 12411-02-03-5
INSERT INTO core.population
WITH ages AS (SELECT "ALTX14", age_from("ALTX14") AS age_from, age_to("ALTX14") AS age_to
              FROM (SELECT DISTINCT "ALTX14" FROM raw."12411-02-03-5")),
     periods AS (SELECT period, period_year(period) AS year FROM (SELECT DISTINCT period FROM raw."12411-02-03-5")),
     covered AS (SELECT DISTINCT ags, year FROM core.population)
SELECT r.ags, r.period, p.year,
       CASE r."GES" WHEN 'INSGESAMT' THEN 'total' WHEN 'GESM' THEN 'm' WHEN 'GESW' THEN 'f' END,
       a.age_from, a.age_to, r.value, r.status, r.table_code
FROM raw."12411-02-03-5" r JOIN ages a USING ("ALTX14") JOIN periods p USING (period)
LEFT JOIN covered c ON c.ags = r.ags AND c.year = p.year
WHERE c.ags IS NULL;
