-- core.employees: employees subject to social insurance at the place of work. Sections from
-- 13111-07-05-4 (13 grouped WZ 2008 positions, 30.06.), age groups from 13111-05-03-4 (30.06.), and
-- the LDB table 13111-54i (31.12., sections × qualification: qualification 'total' only here) for
-- region-years the Regio tables do not cover. wz_section keys: A, B-F, B-E, C, F, G-U, G-I, J, K,
-- L, M-N, O-Q, R-U, total; age_group keys: the age interval ("0-20", "20-25", …, "65-") or total.
CREATE TABLE core.employees (
    ags TEXT, period TEXT, year INTEGER, wz_section TEXT, age_group TEXT, place TEXT, value DOUBLE,
    status TEXT, table_code TEXT
);
-- @requires 13111-07-05-4
INSERT INTO core.employees
SELECT ags, period, period_year(period), "WZ08S1_key", 'total', 'work', value, status, table_code
FROM stage."13111-07-05-4" WHERE value_code = 'ERW032';
-- @requires 13111-05-03-4
INSERT INTO core.employees
SELECT ags, period, period_year(period), 'total', "ALT007_key", 'work', value, status, table_code
FROM stage."13111-05-03-4" s
WHERE value_code = 'ERW032' AND ("ALT007_key" <> 'total' OR NOT EXISTS (
    SELECT 1 FROM core.employees c WHERE c.ags = s.ags AND c.year = period_year(s.period)
    AND c.wz_section = 'total' AND c.age_group = 'total'));
-- @requires 13111-54i
INSERT INTO core.employees
SELECT ags, period, period_year(period), "WZ08_key", 'total', 'work', value, status, table_code
FROM stage."13111-54i" s
WHERE value_code = 'ERW032' AND "ABSCHLUSS_key" = 'total' AND ags IS NOT NULL AND ags <> ''
  AND NOT EXISTS (SELECT 1 FROM core.employees c WHERE c.ags = s.ags AND c.year = period_year(s.period)
                  AND c.age_group = 'total' AND c.table_code <> '13111-54i');
