-- Peer features of the Kreise (similarity inputs of the Vergleich page, catalogue/peer_indicators.toml):
-- per Kreis, year and feature the value with status and provenance (latest period of the year).
--   population           population at 31.12., all ages (mart.population_bands, band total)
--   manufacturing_share  employees at the place of work in WZ section C / all employees × 100
--   unemployment_rate    unemployment rate, all civilian labour force (annual average)
-- A missing or suppressed part makes the share unusable (status_combine); it never becomes 0.
CREATE OR REPLACE TABLE mart.peer_features AS
WITH o AS (
    SELECT o.topic, o.key, o.ags, o.year, o.value, o.status, o.provenance
    FROM mart.obs o JOIN core.regions r ON r.ags = o.ags AND r.level = 'kreis'
    WHERE (o.topic = 'population' AND o.key = 'total')
       OR (o.topic = 'employees' AND o.key IN ('C/total', 'total/total'))
       OR (o.topic = 'unemployment' AND o.key = 'total/rate')
    QUALIFY row_number() OVER (PARTITION BY o.topic, o.key, o.ags, o.year ORDER BY o.period DESC) = 1),
num AS (SELECT * FROM o WHERE topic = 'employees' AND key = 'C/total'),
den AS (SELECT * FROM o WHERE topic = 'employees' AND key = 'total/total'),
share AS (
    SELECT coalesce(n.ags, d.ags) AS ags, coalesce(n.year, d.year) AS year,
        status_combine(n.status, d.status) AS st, n.value AS numerator, d.value AS denominator,
        mart.provenance_combine(n.provenance, d.provenance) AS provenance
    FROM num n FULL JOIN den d ON d.ags = n.ags AND d.year = n.year)
SELECT ags, year, 'population' AS feature, value, status, provenance FROM o WHERE topic = 'population'
UNION ALL
SELECT ags, year, 'manufacturing_share',
    CASE WHEN status_usable(st) AND denominator > 0 THEN numerator / denominator * 100 END,
    CASE WHEN status_usable(st) AND NOT denominator > 0 THEN 'not_applicable' ELSE st END, provenance
FROM share
UNION ALL
SELECT ags, year, 'unemployment_rate', value, status, provenance FROM o WHERE topic = 'unemployment'
ORDER BY ags, feature, year;

-- Similarity of the candidate Kreise to a reference Kreis, with the configuration as bound parameters:
-- features / weights / logs are parallel lists (feature id, weight, log-transform yes/no), k the number of
-- peers. Per feature the year is the latest one in which the reference has a usable value. Candidates with
-- a usable value of every feature (positive where log-transformed) are comparable; each feature is
-- z-standardised across them (population standard deviation; 0 when all values are equal) and the
-- distance is sqrt(sum w * (z - z_ref)^2). Candidates without any row in those years are left out. One
-- row per candidate and feature: value, status, year, z, the distance (NULL when not comparable), the
-- position by distance and whether it is one of the k nearest (reference excluded). Without a comparable reference every distance is NULL.
CREATE OR REPLACE MACRO mart.peer_similarity(reference, candidates, features, weights, logs, k) AS TABLE
WITH spec AS (SELECT unnest(features) AS feature, unnest(weights) AS weight, unnest(logs) AS is_log),
years AS (
    SELECT f.feature, max(f.year) AS year FROM mart.peer_features f JOIN spec USING (feature)
    WHERE f.ags = reference AND status_usable(f.status) AND f.value IS NOT NULL GROUP BY f.feature),
cand AS (  -- candidates with a row in the reference's years (a historic Kreis without data is none)
    SELECT DISTINCT f.ags FROM mart.peer_features f JOIN years y USING (feature, year)
    WHERE list_contains(candidates, f.ags)),
grid AS (
    SELECT c.ags, s.feature, s.weight, s.is_log, y.year, f.value, coalesce(f.status, 'missing') AS status,
        f.provenance,
        status_usable(coalesce(f.status, 'missing')) AND f.value IS NOT NULL AND (NOT s.is_log OR f.value > 0)
            AS ok
    FROM cand c CROSS JOIN spec s LEFT JOIN years y USING (feature)
    LEFT JOIN mart.peer_features f ON f.ags = c.ags AND f.feature = s.feature AND f.year = y.year),
comparable AS (SELECT ags FROM grid GROUP BY ags HAVING bool_and(ok)),
x AS (
    SELECT g.*, CASE WHEN g.ags IN (SELECT ags FROM comparable)
        THEN CASE WHEN g.is_log THEN ln(g.value) ELSE g.value END END AS t
    FROM grid g),
z AS (
    SELECT *, CASE WHEN t IS NULL THEN NULL
        WHEN coalesce(stddev_pop(t) OVER (PARTITION BY feature), 0) = 0 THEN 0.0
        ELSE (t - avg(t) OVER (PARTITION BY feature)) / stddev_pop(t) OVER (PARTITION BY feature) END AS z
    FROM x),
d AS (
    SELECT z.ags, sqrt(sum(z.weight * (z.z - r.z) ^ 2)) AS distance
    FROM z JOIN z r ON r.ags = reference AND r.feature = z.feature
    WHERE z.z IS NOT NULL AND r.z IS NOT NULL GROUP BY z.ags),
o AS (
    SELECT ags, distance, row_number() OVER (ORDER BY distance NULLS LAST, ags) AS position,
        CASE WHEN ags <> reference AND distance IS NOT NULL
            THEN row_number() OVER (PARTITION BY ags <> reference AND distance IS NOT NULL
                                    ORDER BY distance, ags) END AS nearest
    FROM cand LEFT JOIN d USING (ags))
SELECT z.ags, z.feature, z.year, z.value, z.status, z.provenance, z.z, o.distance, o.position,
    coalesce(o.nearest <= k, false) AS peer
FROM z JOIN o USING (ags)
ORDER BY o.position, list_position(features, z.feature);

-- Ranks of one indicator within a group of regions (the comparison page's panels): the latest period
-- of the latest year in which the reference has a usable value (else the latest year of the group);
-- 1 = best (sign 1: ascending, lower is better; sign -1: descending), ties share a rank, regions without
-- a usable value are not ranked (status kept, never 0). The row of ``land`` (member false) is the
-- reference line, not ranked.
CREATE OR REPLACE MACRO mart.group_ranks(indicator, members, reference, land, sign) AS TABLE
WITH v AS (
    SELECT ags, year, value, status, provenance FROM mart.indicator_values
    WHERE indicator_id = indicator AND (list_contains(members, ags) OR ags = land)
    QUALIFY row_number() OVER (PARTITION BY ags, year ORDER BY period DESC) = 1),
y AS (
    SELECT coalesce(max(year) FILTER (WHERE ags = reference AND status_usable(status) AND value IS NOT NULL),
                    max(year) FILTER (WHERE list_contains(members, ags))) AS year FROM v),
m AS (SELECT DISTINCT unnest(members) AS ags, true AS member UNION ALL SELECT land, false),
r AS (
    SELECT m.ags, m.member, y.year, v.value, coalesce(v.status, 'missing') AS status, v.provenance,
        m.member AND status_usable(coalesce(v.status, 'missing')) AND v.value IS NOT NULL AS ranked
    FROM m CROSS JOIN y LEFT JOIN v ON v.ags = m.ags AND v.year = y.year)
SELECT ags, member, year, value, status, provenance,
    CASE WHEN ranked THEN rank() OVER (PARTITION BY ranked ORDER BY value * sign) END AS rank,
    count(*) FILTER (WHERE ranked) OVER () AS ranked_count
FROM r ORDER BY member DESC, rank NULLS LAST, ags;
