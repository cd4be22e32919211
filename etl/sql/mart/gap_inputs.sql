-- Inputs for the Kita / OGS gap scenarios per region that has place data: children of the age band
-- (population at 31.12. of the previous year; projection years from the latest projection) and places.
-- age_band: u3, 3to6 (Kita places) and 6to10 (OGS places). Projection rows carry the latest places.
-- provenance: combined over children, places, planned places and children in care (DATA_MODEL §1a).
CREATE OR REPLACE TABLE mart.gap_inputs AS
WITH m AS (
    SELECT ags, year, split_part(key, '/', 1) AS age_band, split_part(key, '/', 2) AS measure, value, status,
        provenance
    FROM mart.obs WHERE topic = 'kita' AND split_part(key, '/', 1) IN ('u3', '3to6')
    UNION ALL
    SELECT ags, year, '6to10', CASE key WHEN 'ogs_places' THEN 'places' WHEN 'ogs_pupils'
        THEN 'children_in_care' END, value, status, provenance
    FROM mart.obs WHERE topic = 'allday' AND key IN ('ogs_places', 'ogs_pupils')),
areas AS (SELECT DISTINCT ags, age_band FROM m WHERE measure = 'places'),
children AS (
    SELECT b.ags, b.year + 1 AS year, 'observed' AS kind, b.band AS age_band, b.value, b.status, b.provenance
    FROM mart.population_bands b JOIN areas a ON a.ags = b.ags AND a.age_band = b.band
    UNION ALL
    SELECT b.ags, b.year + 1, 'projection', b.band, b.value, b.status, b.provenance
    FROM mart.projection_bands b JOIN areas a ON a.ags = b.ags AND a.age_band = b.band
    WHERE b.base_year = (SELECT max(base_year) FROM mart.projection_bands p WHERE p.ags = b.ags)),
places AS (SELECT * FROM m WHERE measure = 'places'),
latest AS (SELECT * FROM places QUALIFY row_number() OVER (PARTITION BY ags, age_band ORDER BY year DESC) = 1)
SELECT c.ags, c.year, c.kind, c.age_band, c.value AS children, c.status AS children_status,
    coalesce(p.value, l.value) AS places, coalesce(p.status, l.status, 'missing') AS places_status,
    coalesce(p.year, l.year) AS places_year,
    pl.value AS places_planned, coalesce(pl.status, 'missing') AS places_planned_status,
    ic.value AS in_care, coalesce(ic.status, 'missing') AS in_care_status,
    mart.provenance_combine(mart.provenance_combine(c.provenance, coalesce(p.provenance, l.provenance)),
        mart.provenance_combine(pl.provenance, ic.provenance)) AS provenance
FROM children c
LEFT JOIN places p ON c.kind = 'observed' AND p.ags = c.ags AND p.age_band = c.age_band AND p.year = c.year
LEFT JOIN latest l ON c.kind = 'projection' AND l.ags = c.ags AND l.age_band = c.age_band
LEFT JOIN m pl ON pl.measure = 'places_planned' AND pl.ags = c.ags AND pl.age_band = c.age_band
    AND pl.year = c.year
LEFT JOIN m ic ON ic.measure = 'children_in_care' AND ic.ags = c.ags AND ic.age_band = c.age_band
    AND ic.year = c.year AND c.kind = 'observed'
ORDER BY c.ags, c.age_band, c.kind, c.year;
