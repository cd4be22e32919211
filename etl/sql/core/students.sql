-- core.students: students by subject group at the place of the university (21311-01-01-4 or its
-- variant -4-B "regionale Ebenen"); winter term 2023/24 -> 2023. Sex and nationality: totals only.
CREATE TABLE core.students (
    ags TEXT, period TEXT, year INTEGER, subject_group TEXT, value DOUBLE, status TEXT, table_code TEXT
);
-- @requires 21311-01-01-4
INSERT INTO core.students
SELECT ags, period, period_year(period), "HS-FG2_key", value, status, table_code
FROM stage."21311-01-01-4" WHERE value_code = 'HS-W02';
-- @requires 21311-01-01-4-B
INSERT INTO core.students
SELECT s.ags, s.period, period_year(s.period), s."HS-FG2_key", s.value, s.status, s.table_code
FROM stage."21311-01-01-4-B" s
WHERE s.value_code = 'HS-W02'
  AND NOT EXISTS (SELECT 1 FROM core.students c WHERE c.ags = s.ags AND c.year = period_year(s.period));
