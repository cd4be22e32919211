-- core.allday: Offener Ganztag (OGS) from the local template, school year 2024/25 -> year 2024.
CREATE TABLE core.allday (
    ags TEXT, period TEXT, year INTEGER, measure TEXT, value DOUBLE, status TEXT, table_code TEXT
);
-- @requires LOCAL-OGS
INSERT INTO core.allday
SELECT ags, period, period_year(period),
       CASE WHEN variable IN ('ogs_places', 'ogs_pupils', 'primary_pupils') THEN variable END,
       value, status, table_code
FROM raw."LOCAL-OGS";
