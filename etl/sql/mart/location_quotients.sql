-- Employment (Arbeitsort) by WZ section: share of all employees and location quotient against the
-- reference region (the Land for Kreise, Gemeinden and Regierungsbezirke; Germany for a Land).
CREATE OR REPLACE TABLE mart.location_quotients AS
WITH e AS (
    SELECT ags, period, year, split_part(key, '/', 1) AS wz_section, value, status, provenance
    FROM mart.obs WHERE topic = 'employees' AND split_part(key, '/', 2) = 'total'),
s AS (
    SELECT e.ags, e.period, e.year, e.wz_section, e.value AS employees, e.status AS employees_status,
        t.value AS total, status_combine(e.status, coalesce(t.status, 'missing')) AS st,
        mart.provenance_combine(e.provenance, t.provenance) AS share_provenance
    FROM e LEFT JOIN e AS t ON t.ags = e.ags AND t.year = e.year AND t.wz_section = 'total'
    WHERE e.wz_section <> 'total'),
sh AS (
    SELECT ags, period, year, wz_section, employees, employees_status, share_provenance,
        CASE WHEN status_usable(st) AND total <> 0 THEN employees / total * 100 END AS share,
        CASE WHEN status_usable(st) AND total = 0 THEN 'not_applicable' ELSE st END AS share_status,
        CASE WHEN ags = 'DG' THEN NULL WHEN length(ags) = 2 THEN 'DG'
             WHEN regexp_full_match(ags, '[0-9]{3,8}') THEN left(ags, 2) END AS ref_ags
    FROM s)
SELECT a.ags, a.period, a.year, a.wz_section, a.employees, a.employees_status, a.share, a.share_status,
    a.share_provenance, a.ref_ags, r.share AS ref_share, coalesce(r.share_status, 'missing') AS ref_share_status,
    r.share_provenance AS ref_share_provenance,
    mart.provenance_combine(a.share_provenance, r.share_provenance) AS lq_provenance,
    CASE WHEN status_usable(status_combine(a.share_status, coalesce(r.share_status, 'missing')))
              AND r.share <> 0 THEN a.share / r.share END AS lq,
    CASE WHEN status_usable(status_combine(a.share_status, coalesce(r.share_status, 'missing')))
              AND r.share = 0 THEN 'not_applicable'
         ELSE status_combine(a.share_status, coalesce(r.share_status, 'missing')) END AS lq_status
FROM sh AS a LEFT JOIN sh AS r ON r.ags = a.ref_ags AND r.year = a.year AND r.wz_section = a.wz_section
WHERE a.ref_ags IS NOT NULL;
