-- Scalar / aggregate helper macros of the mart build. Needs etl/sql/status.sql first.

-- Status for a status_rank value (inverse of status_rank; rank 10 = ok).
CREATE OR REPLACE MACRO mart.rank_status(r) AS CASE r
    WHEN 1 THEN 'secret' WHEN 2 THEN 'unreliable' WHEN 3 THEN 'later' WHEN 4 THEN 'not_applicable'
    WHEN 5 THEN 'missing' WHEN 6 THEN 'limited' WHEN 7 THEN 'estimated' WHEN 8 THEN 'provisional'
    WHEN 9 THEN 'revised' ELSE 'ok' END;

-- Worst status of a group of rows (aggregate): precedence of DATA_MODEL §1; NULL counts as missing;
-- zero and final count as ok.
CREATE OR REPLACE MACRO mart.worst_status(s) AS mart.rank_status(min(status_rank(coalesce(s, 'missing'))));

-- Whether a region_groups membership (valid_from / valid_to as DATE, text or year) covers a year.
CREATE OR REPLACE MACRO mart.valid_in(valid_from, valid_to, y) AS
    (valid_from IS NULL OR try_cast(left(CAST(valid_from AS VARCHAR), 4) AS INTEGER) <= y)
    AND (valid_to IS NULL OR try_cast(left(CAST(valid_to AS VARCHAR), 4) AS INTEGER) >= y);

-- Provenance (DATA_MODEL §1a, etl/status.py combine_provenance): official + official = official,
-- synthetic + synthetic = synthetic, any mix = mixed; NULL (input without file record) is ignored.
CREATE OR REPLACE MACRO mart.provenance_combine(a, b) AS
    CASE WHEN a IS NULL THEN b WHEN b IS NULL OR a = b THEN a ELSE 'mixed' END;
CREATE OR REPLACE MACRO mart.worst_provenance(p) AS
    CASE WHEN min(p) = max(p) THEN min(p) WHEN min(p) IS NOT NULL THEN 'mixed' END;
