-- core.school_leavers: leavers of general schools by certificate (21111-02-06-4, Kreise; Schulort).
-- The 4-digit year is the leaving year (end of the school year, inferred). "dar. schulischer Teil der
-- FHR" (fhr_schulisch) is a part of another group and never added to the others.
CREATE TABLE core.school_leavers (
    ags TEXT, period TEXT, year INTEGER, certificate TEXT, value DOUBLE, status TEXT, table_code TEXT
);
-- @requires 21111-02-06-4
INSERT INTO core.school_leavers
SELECT ags, period, period_end_year(period), "BILAG2_key", value, status, table_code
FROM stage."21111-02-06-4" WHERE value_code = 'BILABS';
