-- core.employees: employees subject to social insurance at the place of work (13111-07-05-4, 30.06.).
CREATE TABLE core.employees (
    ags TEXT, period TEXT, year INTEGER, wz_section TEXT, age_group TEXT, place TEXT, value DOUBLE,
    status TEXT, table_code TEXT
);
-- @requires 13111-07-05-4
INSERT INTO core.employees
SELECT ags, period, period_year(period),
       CASE WHEN "WZ08A" = 'INSGESAMT' THEN 'total'
            WHEN regexp_matches("WZ08A", '^WZ08-[A-U]$') THEN substr("WZ08A", 6) END,
       CASE "ALTGR5" WHEN 'INSGESAMT' THEN 'total' WHEN 'ALT000B25' THEN 'u25' WHEN 'ALT025B55' THEN '25to55'
           WHEN 'ALT055UM' THEN '55plus' END,
       'work', value, status, table_code
FROM raw."13111-07-05-4";
