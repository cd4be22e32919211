-- Scalar / aggregate helper macros of the mart build. Needs etl/sql/status.sql first.

-- Worst status of a group of rows (aggregate): precedence of DATA_MODEL §1; NULL counts as missing;
-- zero and final count as ok.
CREATE OR REPLACE MACRO mart.worst_status(s) AS CASE
    arg_min(coalesce(s, 'missing'), status_rank(coalesce(s, 'missing')))
    WHEN 'zero' THEN 'ok' WHEN 'final' THEN 'ok'
    ELSE arg_min(coalesce(s, 'missing'), status_rank(coalesce(s, 'missing'))) END;

-- Whether a region_groups membership (valid_from / valid_to as DATE, text or year) covers a year.
CREATE OR REPLACE MACRO mart.valid_in(valid_from, valid_to, y) AS
    (valid_from IS NULL OR try_cast(left(CAST(valid_from AS VARCHAR), 4) AS INTEGER) <= y)
    AND (valid_to IS NULL OR try_cast(left(CAST(valid_to AS VARCHAR), 4) AS INTEGER) >= y);
