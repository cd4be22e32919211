-- core.transitions: pupils moving from Grundschule to a secondary school, by Schulform (IT.NRW
-- publication copied into LOCAL-UEBERGAENGE; Schuljahr 2024/25 = transition in summer 2024 -> 2024).
CREATE TABLE core.transitions (
    ags TEXT, period TEXT, year INTEGER, school_type TEXT, value DOUBLE, status TEXT, table_code TEXT
);
-- @requires LOCAL-UEBERGAENGE
INSERT INTO core.transitions
SELECT ags, period, period_year(period),
       CASE school_type WHEN 'INSGESAMT' THEN 'total' WHEN 'SONST' THEN 'other' ELSE school_type END,
       value, status, table_code
FROM raw."LOCAL-UEBERGAENGE" WHERE variable = 'transitions';
