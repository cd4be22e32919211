-- Employment (Arbeitsort) by WZ section: share of all employees and location quotient against the
-- reference region (the Land for Kreise, Gemeinden and Regierungsbezirke; Germany for a Land).
-- share in percent; lq = (employees / total) / (reference employees / reference total), computed from
-- the fractions (not from the rounded-looking percentages) so that it is exact to the last bit.
-- key_industry: lq > 1 and at least 5 % of the region's employees (Schlüsselbranche).
CREATE OR REPLACE TABLE mart.location_quotients AS
WITH e AS (
    SELECT ags, period, year, split_part(key, '/', 1) AS wz_section, value, status, provenance
    FROM mart.obs WHERE topic = 'employees' AND split_part(key, '/', 2) = 'total'),
s AS (
    SELECT e.ags, e.period, e.year, e.wz_section, e.value AS employees, e.status AS employees_status,
        e.provenance AS employees_provenance, t.value AS total, coalesce(t.status, 'missing') AS total_status,
        status_combine(e.status, coalesce(t.status, 'missing')) AS st,
        mart.provenance_combine(e.provenance, t.provenance) AS share_provenance
    FROM e LEFT JOIN e AS t ON t.ags = e.ags AND t.year = e.year AND t.wz_section = 'total'
    WHERE e.wz_section <> 'total'),
sh AS (
    SELECT ags, period, year, wz_section, employees, employees_status, employees_provenance, total,
        total_status, share_provenance,
        CASE WHEN status_usable(st) AND total <> 0 THEN employees / total END AS fraction,
        CASE WHEN status_usable(st) AND total <> 0 THEN employees / total * 100 END AS share,
        CASE WHEN status_usable(st) AND total = 0 THEN 'not_applicable' ELSE st END AS share_status,
        CASE WHEN ags = 'DG' THEN NULL WHEN length(ags) = 2 THEN 'DG'
             WHEN regexp_full_match(ags, '[0-9]{3,8}') THEN left(ags, 2) END AS ref_ags
    FROM s),
q AS (
    SELECT a.*, r.share AS ref_share, coalesce(r.share_status, 'missing') AS ref_share_status,
        r.share_provenance AS ref_share_provenance, r.fraction AS ref_fraction,
        status_combine(a.share_status, coalesce(r.share_status, 'missing')) AS st
    FROM sh AS a LEFT JOIN sh AS r ON r.ags = a.ref_ags AND r.year = a.year AND r.wz_section = a.wz_section
    WHERE a.ref_ags IS NOT NULL)
SELECT ags, period, year, wz_section, employees, employees_status, employees_provenance, total, total_status,
    share, share_status, share_provenance, ref_ags, ref_share, ref_share_status, ref_share_provenance,
    mart.provenance_combine(share_provenance, ref_share_provenance) AS lq_provenance,
    CASE WHEN status_usable(st) AND ref_fraction <> 0 THEN fraction / ref_fraction END AS lq,
    CASE WHEN status_usable(st) AND ref_fraction = 0 THEN 'not_applicable' ELSE st END AS lq_status,
    coalesce(status_usable(st) AND ref_fraction <> 0 AND fraction / ref_fraction > 1 AND fraction >= 0.05,
             false) AS key_industry
FROM q;
