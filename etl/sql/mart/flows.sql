-- Transitions: shares by school type, rechnerische flows school leavers -> iABE sectors, sector trends and
-- the training-market outcome. Needs mart.obs, mart.indicators and mart.indicator_values.

-- Transitions after Grundschule by school type per area and school year, with the total as denominator.
-- School types with a catalogue indicator (transition_rate_<type>) take share and status from
-- mart.indicator_values, so a card and a chart can never differ; the others (PRIMUS, FOE, other) are
-- computed the same way (count / total x 100, status combined, NULL when unusable).
CREATE OR REPLACE TABLE mart.transition_shares AS
WITH t AS (SELECT ags, period, year, key AS school_type, value, status, provenance
           FROM mart.obs WHERE topic = 'transitions'),
parts AS (
    SELECT p.ags, p.period, p.year, p.school_type, p.value, p.status AS value_status, tot.value AS total,
        coalesce(tot.status, 'missing') AS total_status,
        status_combine(p.status, coalesce(tot.status, 'missing')) AS st,
        mart.provenance_combine(p.provenance, tot.provenance) AS provenance,
        'transition_rate_' || lower(p.school_type) AS indicator_id
    FROM t p LEFT JOIN t tot ON tot.ags = p.ags AND tot.year = p.year AND tot.school_type = 'total'
    WHERE p.school_type <> 'total')
SELECT p.ags, p.period, p.year, p.school_type, p.value, p.value_status, p.total, p.total_status,
    CASE WHEN i.id IS NOT NULL THEN v.value
         WHEN status_usable(p.st) AND p.total > 0 THEN p.value / p.total * 100 END AS share,
    CASE WHEN i.id IS NOT NULL THEN coalesce(v.status, 'missing') ELSE p.st END AS share_status,
    CASE WHEN i.id IS NOT NULL THEN v.provenance ELSE p.provenance END AS provenance,
    i.id AS indicator_id
FROM parts p
LEFT JOIN mart.indicators i ON i.id = p.indicator_id
LEFT JOIN mart.indicator_values v ON v.indicator_id = i.id AND v.ags = p.ags AND v.period = p.period;

-- Inputs of the rechnerische flows per area and year: leavers by certificate (ohne_esa, esa, msa, fhr,
-- ahr) and entrants of the iABE sectors I to III; status `missing` when one of them has no row, else the
-- worst of their statuses. Only years with both leaver and Berufskolleg rows.
CREATE OR REPLACE TABLE mart.flow_inputs AS
WITH years AS (
    SELECT DISTINCT l.ags, l.year FROM mart.obs l
    WHERE l.topic = 'leavers' AND EXISTS (SELECT 1 FROM mart.obs v WHERE v.topic = 'vocational'
                                         AND v.ags = l.ags AND v.year = l.year)),
wanted(kind, key, position) AS (VALUES ('leavers', 'ohne_esa', 1), ('leavers', 'esa', 2),
    ('leavers', 'msa', 3), ('leavers', 'fhr', 4), ('leavers', 'ahr', 5), ('vocational', 'I/entrants', 1),
    ('vocational', 'II/entrants', 2), ('vocational', 'III/entrants', 3))
SELECT y.ags, y.year, w.kind, split_part(w.key, '/', 1) AS node, w.position, o.value,
    coalesce(o.status, 'missing') AS status, o.provenance
FROM years y CROSS JOIN wanted w
LEFT JOIN mart.obs o ON o.topic = w.kind AND o.key = w.key AND o.ags = y.ags AND o.year = y.year;

-- A negative input (impossible in the official tables) makes the flows not computable (not_applicable).
CREATE OR REPLACE TABLE mart.flow_status AS
SELECT ags, year,
    CASE WHEN coalesce(bool_or(value < 0), false)
         THEN status_combine(mart.worst_status(status), 'not_applicable')
         ELSE mart.worst_status(status) END AS status,
    mart.worst_provenance(provenance) AS provenance
FROM mart.flow_inputs GROUP BY ags, year;

-- Rechnerische flows certificate -> sector (monitor/views/flows.py states the assumption): half of the
-- leavers with FHR / AHR start to study (target STUDY); the others are fitted by iterative proportional
-- fitting (200 rounds, columns then rows) within the plausible paths to the entrants per sector plus
-- REST = leavers - entrants (at least 0), the targets scaled to the number of leavers. Only areas and
-- years with usable inputs; flows of at most 0.5 persons are left out. A table macro for one area and
-- year (the fit runs when a page asks for it, not for every area in the build).
CREATE OR REPLACE MACRO mart.transition_flows(area, flow_year) AS TABLE
WITH RECURSIVE ok AS (
    SELECT f.* FROM mart.flow_inputs f JOIN mart.flow_status s USING (ags, year)
    WHERE f.ags = area AND f.year = flow_year AND status_usable(s.status)),
rows_ AS (
    SELECT ags, year, node AS source, position,
        value - CASE WHEN node IN ('fhr', 'ahr') THEN value * 0.5 ELSE 0 END AS total
    FROM ok WHERE kind = 'leavers'),
entrants AS (SELECT ags, year, node AS target, position, value FROM ok WHERE kind = 'vocational'),
sums AS (
    SELECT r.ags, r.year, r.leavers, e.entrants FROM
        (SELECT ags, year, sum(total) AS leavers FROM rows_ GROUP BY ALL) r
        JOIN (SELECT ags, year, sum(value) AS entrants FROM entrants GROUP BY ALL) e USING (ags, year)),
targets0 AS (
    SELECT ags, year, target, position, value FROM entrants
    UNION ALL
    SELECT ags, year, 'REST', 4, greatest(leavers - entrants, CAST(0 AS DOUBLE)) FROM sums),
targets AS (
    SELECT t.ags, t.year, t.target, t.position,
        t.value * CASE WHEN sum(t.value) OVER w > 0 THEN s.leavers / sum(t.value) OVER w ELSE 0 END AS total
    FROM targets0 t JOIN sums s USING (ags, year)
    WINDOW w AS (PARTITION BY t.ags, t.year)),
allowed(source, target) AS (VALUES ('ohne_esa', 'I'), ('ohne_esa', 'II'), ('ohne_esa', 'REST'), ('esa', 'I'),
    ('esa', 'II'), ('esa', 'REST'), ('msa', 'I'), ('msa', 'II'), ('msa', 'III'), ('msa', 'REST'),
    ('fhr', 'I'), ('fhr', 'III'), ('fhr', 'REST'), ('ahr', 'I'), ('ahr', 'REST')),
cells AS (
    SELECT r.ags, r.year, r.source, r.position AS source_position, t.target, t.position AS target_position,
        r.total AS row_total, t.total AS col_total,
        CAST(CASE WHEN a.source IS NOT NULL THEN 1 ELSE 0 END AS DOUBLE) AS value
    FROM rows_ r JOIN targets t USING (ags, year)
    LEFT JOIN allowed a ON a.source = r.source AND a.target = t.target),
fit AS (
    SELECT 0 AS round, * FROM cells
    UNION ALL
    SELECT round + 1, ags, year, source, source_position, target, target_position, row_total, col_total,
        value * CASE WHEN sum(value) OVER (PARTITION BY ags, year, source) > 0
                     THEN row_total / sum(value) OVER (PARTITION BY ags, year, source) ELSE 0 END
    FROM (SELECT round, ags, year, source, source_position, target, target_position, row_total, col_total,
              value * CASE WHEN sum(value) OVER (PARTITION BY ags, year, target) > 0
                           THEN col_total / sum(value) OVER (PARTITION BY ags, year, target) ELSE 0 END
                  AS value
          FROM fit WHERE round < 200)),
flows AS (
    SELECT ags, year, source, source_position, target, target_position, value FROM fit WHERE round = 200
    UNION ALL
    SELECT ags, year, node, position, 'STUDY', 5, value * 0.5 FROM ok WHERE kind = 'leavers'
        AND node IN ('fhr', 'ahr'))
SELECT f.ags, f.year, f.source, f.source_position, f.target, f.target_position, f.value, s.status,
    s.provenance
FROM flows f JOIN mart.flow_status s USING (ags, year)
WHERE f.value > 0.5;

-- Entrants per iABE sector (I to IV) and students at the universities in the area (Bestand,
-- Hochschulort) per year. target: I, II, III, IV, STUDENTS.
CREATE OR REPLACE TABLE mart.sector_trends AS
SELECT ags, period, year, split_part(key, '/', 1) AS target, value, status, provenance
FROM mart.obs
WHERE topic = 'vocational' AND key IN ('I/entrants', 'II/entrants', 'III/entrants', 'IV/entrants')
UNION ALL
SELECT ags, period, year, 'STUDENTS', value, status, provenance
FROM mart.obs WHERE topic = 'students' AND key = 'total';

-- Training-market outcome per reporting area and Berichtsjahr (all occupation groups): applicants,
-- with alternative, unplaced, places, unfilled, and placed = applicants - alternative - unplaced
-- (rechnerisch: placed or other whereabouts), unknown when one of the three is unusable or missing.
CREATE OR REPLACE TABLE mart.training_outcome AS
WITH m AS (
    SELECT ags, year, split_part(key, '/', 2) AS measure, value, status, provenance
    FROM mart.obs WHERE topic = 'training_market' AND split_part(key, '/', 1) = 'total'),
w AS (
    SELECT ags, year,
        any_value(value) FILTER (measure = 'applicants') AS applicants,
        coalesce(any_value(status) FILTER (measure = 'applicants'), 'missing') AS applicants_status,
        any_value(value) FILTER (measure = 'alternative') AS alternative,
        coalesce(any_value(status) FILTER (measure = 'alternative'), 'missing') AS alternative_status,
        any_value(value) FILTER (measure = 'unplaced') AS unplaced,
        coalesce(any_value(status) FILTER (measure = 'unplaced'), 'missing') AS unplaced_status,
        any_value(value) FILTER (measure = 'places') AS places,
        coalesce(any_value(status) FILTER (measure = 'places'), 'missing') AS places_status,
        any_value(value) FILTER (measure = 'unfilled') AS unfilled,
        coalesce(any_value(status) FILTER (measure = 'unfilled'), 'missing') AS unfilled_status,
        mart.worst_provenance(CASE WHEN measure IN ('applicants', 'alternative', 'unplaced')
            THEN provenance END) AS placed_provenance,
        mart.worst_provenance(provenance) AS provenance
    FROM m GROUP BY ags, year)
SELECT *, status_combine(status_combine(applicants_status, alternative_status), unplaced_status)
        AS placed_status,
    CASE WHEN status_usable(status_combine(status_combine(applicants_status, alternative_status),
                                           unplaced_status))
         THEN applicants - alternative - unplaced END AS placed
FROM w;
