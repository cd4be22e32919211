-- core.pupils: pupils by Schulform (Schulort), school year 2023/24 -> year 2023.
CREATE TABLE core.pupils (
    ags TEXT, period TEXT, year INTEGER, school_type TEXT, value DOUBLE, status TEXT, table_code TEXT
);
-- @requires 21111-01i
INSERT INTO core.pupils
SELECT ags, period, period_year(period), school_type_code(leaf(variable)), value, status, table_code
FROM raw."21111-01i";
