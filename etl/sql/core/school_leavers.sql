-- core.school_leavers: leavers by certificate; leavers of 2023/24 -> year 2024.
-- Kreis and higher from 21111-02-06-4; Gemeinden (and uncovered regions/years) from 21111-20i.
CREATE TABLE core.school_leavers (
    ags TEXT, period TEXT, year INTEGER, certificate TEXT, value DOUBLE, status TEXT, table_code TEXT
);
-- @requires 21111-02-06-4
INSERT INTO core.school_leavers
SELECT ags, period, period_end_year(period),
       CASE "SCHAB2" WHEN 'INSGESAMT' THEN 'total' WHEN 'OHNE-ESA' THEN 'ohne_esa' WHEN 'ESA' THEN 'esa'
           WHEN 'MSA' THEN 'msa' WHEN 'FHR' THEN 'fhr' WHEN 'AHR' THEN 'ahr' END,
       value, status, table_code
FROM raw."21111-02-06-4";
-- @requires 21111-20i
INSERT INTO core.school_leavers
SELECT r.ags, r.period, period_end_year(r.period),
       CASE leaf(r.variable) WHEN 'Insgesamt' THEN 'total' WHEN 'ohne Ersten Schulabschluss' THEN 'ohne_esa'
           WHEN 'Erster Schulabschluss' THEN 'esa' WHEN 'Mittlerer Schulabschluss' THEN 'msa'
           WHEN 'Fachhochschulreife' THEN 'fhr' WHEN 'Allgemeine Hochschulreife' THEN 'ahr' END,
       r.value, r.status, r.table_code
FROM raw."21111-20i" r
WHERE is_gemeinde(r.ags)
   OR NOT EXISTS (SELECT 1 FROM core.school_leavers c
                  WHERE c.ags = r.ags AND c.year = period_end_year(r.period));
