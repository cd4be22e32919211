-- Table macros for indicator formulas (docs/INDICATORS_GUIDE.md); need mart.obs to exist.

-- Sum of the keys ks of topic t per (ags, year); the status is the worst of the parts, and
-- `missing` if one of the keys has no row; the provenance combines the parts' provenances.
-- (The worst status is computed once in the inner query: status_combine repeats its arguments, and
-- expanding it around the aggregate macro made planning each formula cost up to 0.1 s. The keys found
-- are counted as set bits of their list positions: a plain aggregate, where count(DISTINCT key) adds a
-- second aggregation and a join to every formula.)
CREATE OR REPLACE MACRO mart.obs_sum(t, ks) AS TABLE
    SELECT ags, year, period, value,
        CASE WHEN n_keys < len(ks) THEN status_combine(worst, 'missing') ELSE worst END AS status,
        provenance
    FROM (SELECT ags, year, min(period) AS period, sum(value) AS value,
                 bit_count(bitstring_agg(list_position(ks, key), 1, len(ks))) AS n_keys,
                 mart.worst_status(status) AS worst, mart.worst_provenance(provenance) AS provenance
          FROM mart.obs WHERE topic = t AND list_contains(ks, key)
          GROUP BY ags, year);

-- Plain value: (ags, period, year, value, value_status, value_provenance).
CREATE OR REPLACE MACRO mart.value_of(t, ks) AS TABLE
    SELECT ags, period, year, value, status AS value_status, provenance AS value_provenance
    FROM mart.obs_sum(t, ks);

-- Ratio rows: numerator keys of topic nt over denominator keys of topic dt; the denominator is taken
-- from year (numerator year - lag). A missing denominator row gives denominator_status `missing`.
CREATE OR REPLACE MACRO mart.ratio(nt, nks, dt, dks, lag := 0) AS TABLE
    SELECT n.ags, n.period, n.year, n.value AS numerator, n.status AS numerator_status,
        n.provenance AS numerator_provenance,
        d.value AS denominator, coalesce(d.status, 'missing') AS denominator_status,
        d.provenance AS denominator_provenance
    FROM mart.obs_sum(nt, nks) AS n
    LEFT JOIN mart.obs_sum(dt, dks) AS d ON d.ags = n.ags AND d.year = n.year - lag;

-- Change of topic t / keys ks against `back` years earlier (ratio rows: difference over the earlier
-- value). Only years whose earlier year lies within the topic's series produce rows.
CREATE OR REPLACE MACRO mart.change(t, ks, back) AS TABLE
    SELECT n.ags, n.period, n.year, n.value - d.value AS numerator,
        status_combine(n.status, coalesce(d.status, 'missing')) AS numerator_status,
        mart.provenance_combine(n.provenance, d.provenance) AS numerator_provenance,
        d.value AS denominator, coalesce(d.status, 'missing') AS denominator_status,
        d.provenance AS denominator_provenance
    FROM mart.obs_sum(t, ks) AS n
    LEFT JOIN mart.obs_sum(t, ks) AS d ON d.ags = n.ags AND d.year = n.year - back
    WHERE n.year - back >= (SELECT min(year) FROM mart.obs WHERE topic = t);
