-- core.transitions: pupils leaving grade 4 by Schulform of the new school (Schulort of the Grundschule).
CREATE TABLE core.transitions (
    ags TEXT, period TEXT, year INTEGER, school_type TEXT, value DOUBLE, status TEXT, table_code TEXT
);
-- @requires 21111-10i
INSERT INTO core.transitions
SELECT ags, period, period_year(period), school_type_code(leaf(variable)), value, status, table_code
FROM raw."21111-10i";
