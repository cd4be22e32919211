-- Status rule for derived values (docs/DATA_MODEL.md §1), as SQL macros; must match etl/status.py.
-- status_rank: lower = takes precedence when statuses are combined.
CREATE OR REPLACE MACRO status_rank(s) AS CASE s
    WHEN 'secret' THEN 1 WHEN 'unreliable' THEN 2 WHEN 'later' THEN 3 WHEN 'not_applicable' THEN 4
    WHEN 'missing' THEN 5 WHEN 'limited' THEN 6 WHEN 'estimated' THEN 7 WHEN 'provisional' THEN 8
    WHEN 'revised' THEN 9 ELSE 10 END;
CREATE OR REPLACE MACRO status_usable(s) AS
    s NOT IN ('secret', 'unreliable', 'later', 'not_applicable', 'missing');
-- combine two statuses (NULL input = missing)
CREATE OR REPLACE MACRO status_combine(a, b) AS CASE
    WHEN status_rank(coalesce(a, 'missing')) <= status_rank(coalesce(b, 'missing'))
    THEN (CASE WHEN coalesce(a, 'missing') IN ('zero', 'final') THEN 'ok' ELSE coalesce(a, 'missing') END)
    ELSE (CASE WHEN coalesce(b, 'missing') IN ('zero', 'final') THEN 'ok' ELSE coalesce(b, 'missing') END) END;
