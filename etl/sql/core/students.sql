-- core.students: students by subject group (HS-FG codes), both sexes and nationalities;
-- winter term 2023/24 -> year 2023.
CREATE TABLE core.students (
    ags TEXT, period TEXT, year INTEGER, subject_group TEXT, value DOUBLE, status TEXT, table_code TEXT
);
-- @requires 21311-01-01-4
INSERT INTO core.students
SELECT ags, period, period_year(period),
       CASE WHEN "HS-FG2" = 'INSGESAMT' THEN 'total' WHEN starts_with("HS-FG2", 'HS-FG') THEN "HS-FG2" END,
       value, status, table_code
FROM raw."21311-01-01-4"
WHERE "GESINS" = 'INSGESAMT' AND "NAT01" = 'INSGESAMT';
