-- core.population: Kreis and higher levels from 12411-02-03-4 (14 age groups, by sex);
-- Gemeinden from 12411-09i (single years, total sex). 12411-09i rows above Gemeinde level are used
-- only for a region and year that 12411-02-03-4 does not cover.
CREATE TABLE core.population (
    ags TEXT, period TEXT, year INTEGER, sex TEXT, age_from INTEGER, age_to INTEGER,
    value DOUBLE, status TEXT, table_code TEXT
);
-- @requires 12411-02-03-4
INSERT INTO core.population
SELECT ags, period, period_year(period),
       CASE "GES" WHEN 'INSGESAMT' THEN 'total' WHEN 'GESM' THEN 'm' WHEN 'GESW' THEN 'f' END,
       age_from("ALTX14"), age_to("ALTX14"), value, status, table_code
FROM raw."12411-02-03-4";
-- @requires 12411-09i
INSERT INTO core.population
SELECT r.ags, r.period, period_year(r.period), 'total', age_from(leaf(r.variable)), age_to(leaf(r.variable)),
       r.value, r.status, r.table_code
FROM raw."12411-09i" r
WHERE is_gemeinde(r.ags)
   OR NOT EXISTS (SELECT 1 FROM core.population p WHERE p.ags = r.ags AND p.year = period_year(r.period));
