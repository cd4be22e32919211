-- Coverage gaps: Kita and OGS places against demand at a demand rate bound by the caller (table macros),
-- and the training balance per region, year and occupation group (table).
-- A gap is demand − places (positive = places missing). An unusable input (secret, missing …) makes the
-- gap unknown with that status, never 0; provenance is combined over the inputs (DATA_MODEL §1a).
-- Rows come with `position` (largest gap first, unknown gaps last by name): order by it. The gap macros
-- also give the sum of the positive gaps (`missing_total`) and the number of areas with one (`missing_areas`).

-- Age limits of the bands the gap macros read (names and limits as in etl/mart.py BANDS).
CREATE OR REPLACE TABLE mart.gap_bands AS
SELECT * FROM (VALUES ('u3', 0, 3), ('3to6', 3, 6), ('6to10', 6, 10)) t(band, age_from, age_to);

-- Primary grades with a legal right to all-day care in the school year starting in August of the year
-- (Ganztagsförderungsgesetz: from 2026/27 grade 1, one grade more each year).
CREATE OR REPLACE MACRO mart.entitled_grades(school_year_start) AS
    greatest(0, least(4, school_year_start - 2026 + 1));

-- Growth factor projection[target] / projection[reference] of one band per Gemeinde of a Kreis (latest
-- base year, usable rows). The reference is ref_year or, if the projection starts later, its first year.
-- Gemeinden without a factor of their own get the Kreis's ('aus Kreis skaliert'); without both, NULL.
CREATE OR REPLACE MACRO mart.gap_factors(kreis_key, band_key, ref_year, target_year) AS TABLE
WITH places AS (
    SELECT ags FROM core.regions WHERE parent = kreis_key AND level = 'gemeinde'
    UNION SELECT kreis_key),
proj AS (
    SELECT b.ags, b.year, b.value, b.provenance FROM mart.projection_bands b
    WHERE b.band = band_key AND b.ags IN (SELECT ags FROM places) AND status_usable(b.status)
        AND b.base_year = (SELECT max(p.base_year) FROM mart.projection_bands p
                           WHERE p.band = band_key AND p.ags IN (SELECT ags FROM places))),
ref AS (
    SELECT ags, CASE WHEN bool_or(year = ref_year) THEN ref_year ELSE min(year) END AS ref_year
    FROM proj GROUP BY ags),
own AS (
    SELECT r.ags, t.value / b.value AS factor, mart.provenance_combine(t.provenance, b.provenance) AS provenance
    FROM ref r JOIN proj b ON b.ags = r.ags AND b.year = r.ref_year
    JOIN proj t ON t.ags = r.ags AND t.year = target_year
    WHERE b.value > 0)
SELECT g.ags, coalesce(o.factor, k.factor) AS factor,
    CASE WHEN o.factor IS NOT NULL THEN 'eigene Vorausberechnung'
         WHEN k.factor IS NOT NULL THEN 'aus Kreis skaliert' ELSE 'keine Vorausberechnung' END AS method,
    CASE WHEN o.factor IS NOT NULL THEN o.provenance ELSE k.provenance END AS provenance
FROM (SELECT ags FROM core.regions WHERE parent = kreis_key AND level = 'gemeinde') g
LEFT JOIN own o ON o.ags = g.ags
LEFT JOIN own k ON k.ags = kreis_key;

-- Source tables of the projection rows gap_factors reads (for the source line).
CREATE OR REPLACE MACRO mart.gap_projection_sources(kreis_key, band_key) AS TABLE
SELECT DISTINCT p.table_code FROM core.population_projection p JOIN mart.gap_bands b ON b.band = band_key
WHERE (p.ags = kreis_key OR p.ags IN (SELECT ags FROM core.regions WHERE parent = kreis_key
                                       AND level = 'gemeinde'))
    AND p.age_from >= b.age_from AND p.age_to <= b.age_to AND p.table_code IS NOT NULL
    AND p.base_year = (SELECT max(q.base_year) FROM mart.projection_bands q WHERE q.band = band_key
        AND (q.ags = kreis_key OR q.ags IN (SELECT ags FROM core.regions WHERE parent = kreis_key
                                             AND level = 'gemeinde')));

-- Kita gap per Jugendamt or Gemeinde of a Kreis (area_level 'jugendamt' | 'gemeinde') for band 'u3' or
-- '3to6' at demand_rate (0..1; checked by the caller): places of the latest Kita year (Stichtag 1 March)
-- against children at 31.12. of the latest population year before it, or — target_year not NULL — those
-- children scaled with the projection (gap_factors); places stay at today's level.
-- Jugendamt children are the sums of their member Gemeinden (a member without a value: missing).
-- Info columns (same on every row): kita_year, pop_year, target_year, sources (table codes read);
-- methods: how the children were projected (distinct methods of the row's Gemeinden).
CREATE OR REPLACE MACRO mart.kita_gap(kreis_key, band_key, demand_rate, area_level, target_year) AS TABLE
WITH gemeinden AS (SELECT ags FROM core.regions WHERE parent = kreis_key AND level = 'gemeinde'),
areas AS (SELECT ags, name FROM core.regions WHERE parent = kreis_key AND level = area_level),
kita AS (
    SELECT ags, year, split_part(key, '/', 2) AS measure, value, status, provenance FROM mart.obs
    WHERE topic = 'kita' AND split_part(key, '/', 1) = band_key AND ags IN (SELECT ags FROM areas)),
kita_year AS (SELECT max(year) AS y FROM kita WHERE measure = 'places'),
pop_year AS (
    SELECT max(b.year) AS y FROM mart.population_bands b
    WHERE b.band = band_key AND b.year <= (SELECT y FROM kita_year) - 1
        AND (b.ags = kreis_key OR b.ags IN (SELECT ags FROM gemeinden))),
factors AS (
    SELECT * FROM mart.gap_factors(kreis_key, band_key, (SELECT y FROM pop_year), target_year)
    WHERE target_year IS NOT NULL),
kids AS (
    SELECT g.ags, b.status AS pop_status,
        CASE WHEN status_usable(b.status) AND (target_year IS NULL OR f.factor IS NOT NULL)
             THEN b.value * coalesce(f.factor, 1.0) END AS value,
        CASE WHEN b.status IS NULL THEN 'missing'
             WHEN status_usable(b.status) AND target_year IS NOT NULL AND f.factor IS NULL THEN 'missing'
             ELSE b.status END AS status,
        mart.provenance_combine(b.provenance, f.provenance) AS provenance, f.method
    FROM gemeinden g
    LEFT JOIN mart.population_bands b ON b.ags = g.ags AND b.band = band_key AND b.year = (SELECT y FROM pop_year)
    LEFT JOIN factors f ON f.ags = g.ags),
children AS (
    SELECT ags, value, status, provenance, CASE WHEN method IS NULL THEN [] ELSE [method] END AS methods
    FROM kids WHERE area_level = 'gemeinde'
    UNION ALL
    SELECT m.group_key, CASE WHEN status_usable(mart.worst_status(k.status)) THEN sum(k.value) END,
        mart.worst_status(k.status), mart.worst_provenance(k.provenance),
        coalesce(list(DISTINCT k.method ORDER BY k.method) FILTER (WHERE k.method IS NOT NULL), [])
    FROM core.region_groups m LEFT JOIN kids k ON k.ags = m.member_ags
    WHERE area_level = 'jugendamt' AND m.group_key IN (SELECT ags FROM areas)
    GROUP BY m.group_key),
read AS (
    SELECT 1 AS part, table_code FROM core.kita
    WHERE age_band = band_key AND year = (SELECT y FROM kita_year) AND ags IN (SELECT ags FROM areas)
    UNION ALL
    SELECT 2, p.table_code FROM core.population p JOIN mart.gap_bands b ON b.band = band_key
    WHERE p.sex = 'total' AND p.year = (SELECT y FROM pop_year) AND p.ags IN (SELECT ags FROM gemeinden)
        AND p.age_from >= b.age_from AND p.age_to <= b.age_to
    UNION ALL
    SELECT 3, table_code FROM mart.gap_projection_sources(kreis_key, band_key)
    WHERE target_year IS NOT NULL AND (SELECT y FROM pop_year) IS NOT NULL),
sources AS (
    SELECT coalesce(list(table_code ORDER BY part, table_code), []) AS sources
    FROM (SELECT table_code, min(part) AS part FROM read WHERE table_code IS NOT NULL GROUP BY table_code)),
base AS (
    SELECT a.ags, a.name, c.value AS children, coalesce(c.status, 'missing') AS children_status,
        p.value AS places, coalesce(p.status, 'missing') AS places_status,
        pl.value AS places_planned, coalesce(pl.status, 'missing') AS places_planned_status,
        mart.provenance_combine(c.provenance, p.provenance) AS provenance, coalesce(c.methods, []) AS methods
    FROM areas a
    LEFT JOIN children c ON c.ags = a.ags
    LEFT JOIN kita p ON p.ags = a.ags AND p.measure = 'places' AND p.year = (SELECT y FROM kita_year)
    LEFT JOIN kita pl ON pl.ags = a.ags AND pl.measure = 'places_planned' AND pl.year = (SELECT y FROM kita_year)),
gaps AS (
    SELECT *, CASE WHEN status_usable(children_status) THEN children * demand_rate END AS demand,
        status_combine(children_status, places_status) AS status
    FROM base),
out AS (
    SELECT *, CASE WHEN status_usable(status) THEN demand - places END AS gap,
        CASE WHEN status_usable(status) AND children > 0 THEN places / children END AS coverage
    FROM gaps)
SELECT out.ags, out.name, out.children, out.children_status, out.demand, out.places, out.places_status,
    out.places_planned, out.places_planned_status, out.gap, out.coverage, out.status, out.provenance,
    row_number() OVER (ORDER BY out.gap DESC NULLS LAST, out.name) AS position,
    coalesce(sum(out.gap) FILTER (WHERE out.gap > 0) OVER (), 0) AS missing_total,
    count(*) FILTER (WHERE out.gap > 0) OVER () AS missing_areas, out.methods,
    (SELECT y FROM kita_year) AS kita_year, (SELECT y FROM pop_year) AS pop_year,
    CAST(target_year AS INTEGER) AS target_year, (SELECT sources FROM sources) AS sources
FROM out
ORDER BY position;

-- OGS gap per Gemeinde of a Kreis for the school year starting in August of school_year_start at
-- demand_rate: places of the latest school year against primary pupils × growth × entitled grades / 4
-- (equal year groups). After the latest data year the pupils are scaled with the projection of the 6- to
-- under-10-year-olds (gap_factors, reference = data year); places stay at today's level.
-- Info columns: data_year, grades, sources; methods per row when projected.
CREATE OR REPLACE MACRO mart.ogs_gap(kreis_key, school_year_start, demand_rate) AS TABLE
WITH areas AS (SELECT ags, name FROM core.regions WHERE parent = kreis_key AND level = 'gemeinde'),
allday AS (
    SELECT ags, year, key AS measure, value, status, provenance FROM mart.obs
    WHERE topic = 'allday' AND ags IN (SELECT ags FROM areas)),
data_year AS (SELECT coalesce((SELECT max(year) FROM allday), school_year_start) AS y),
projected AS (SELECT school_year_start > (SELECT y FROM data_year) AS yes),
factors AS (
    SELECT * FROM mart.gap_factors(kreis_key, '6to10', (SELECT y FROM data_year), school_year_start)
    WHERE (SELECT yes FROM projected)),
base AS (
    SELECT a.ags, a.name, pu.value AS pupils, coalesce(pu.status, 'missing') AS pupils_status,
        pl.value AS places, coalesce(pl.status, 'missing') AS places_status, f.factor,
        CASE WHEN f.method IS NULL THEN [] ELSE [f.method] END AS methods,
        mart.provenance_combine(mart.provenance_combine(pu.provenance, f.provenance), pl.provenance)
            AS provenance
    FROM areas a
    LEFT JOIN allday pu ON pu.ags = a.ags AND pu.measure = 'primary_pupils' AND pu.year = (SELECT y FROM data_year)
    LEFT JOIN allday pl ON pl.ags = a.ags AND pl.measure = 'ogs_places' AND pl.year = (SELECT y FROM data_year)
    LEFT JOIN factors f ON f.ags = a.ags),
scaled AS (
    SELECT *,
        CASE WHEN NOT (SELECT yes FROM projected) THEN pupils * 1.0 WHEN factor IS NOT NULL THEN pupils * factor
             END AS children,
        CASE WHEN (SELECT yes FROM projected) AND factor IS NULL AND status_usable(pupils_status) THEN 'missing'
             ELSE pupils_status END AS children_status,
        mart.entitled_grades(school_year_start) AS grades
    FROM base),
gaps AS (
    SELECT *, CASE WHEN status_usable(children_status) THEN children * (demand_rate * grades / 4) END AS demand,
        status_combine(children_status, places_status) AS status
    FROM scaled),
out AS (
    SELECT *, CASE WHEN status_usable(status) THEN demand - places END AS gap,
        CASE WHEN status_usable(status) AND children > 0 THEN places / children END AS coverage
    FROM gaps),
read AS (
    SELECT 1 AS part, table_code FROM core.allday
    WHERE year = (SELECT y FROM data_year) AND ags IN (SELECT ags FROM areas)
    UNION ALL
    SELECT 2, table_code FROM mart.gap_projection_sources(kreis_key, '6to10') WHERE (SELECT yes FROM projected)),
sources AS (
    SELECT coalesce(list(table_code ORDER BY part, table_code), []) AS sources
    FROM (SELECT table_code, min(part) AS part FROM read WHERE table_code IS NOT NULL GROUP BY table_code))
SELECT out.ags, out.name, out.pupils, out.pupils_status, out.factor, out.children, out.children_status,
    out.demand, out.places, out.places_status, out.gap, out.coverage, out.status, out.provenance,
    row_number() OVER (ORDER BY out.gap DESC NULLS LAST, out.name) AS position,
    coalesce(sum(out.gap) FILTER (WHERE out.gap > 0) OVER (), 0) AS missing_total,
    count(*) FILTER (WHERE out.gap > 0) OVER () AS missing_areas, out.methods,
    (SELECT y FROM data_year) AS data_year, CAST(school_year_start AS INTEGER) AS school_year_start,
    out.grades, (SELECT sources FROM sources) AS sources
FROM out
ORDER BY position;

-- Training places against applicants per region, Berichtsjahr (30 September) and occupation group
-- (KldB 2010 2-digit; the total row excluded): gap = applicants − places (positive = too few places),
-- mismatch = unplaced applicants per 100 unfilled places. status / provenance over places and applicants,
-- mismatch_status / mismatch_provenance over unfilled and unplaced. position: largest absolute gap first
-- (a shortage before an equal surplus), unknown gaps last. label: from mart.occupation_sectors.
CREATE OR REPLACE TABLE mart.training_balance AS
WITH m AS (
    SELECT ags, year, split_part(key, '/', 1) AS occupation_group, split_part(key, '/', 2) AS measure, value,
        status, provenance
    FROM mart.obs WHERE topic = 'training_market' AND key IS NOT NULL),
groups AS (SELECT DISTINCT ags, year, occupation_group FROM m WHERE occupation_group NOT IN ('total', '')),
wide AS (
    SELECT g.ags, g.year, g.occupation_group,
        p.value AS places, coalesce(p.status, 'missing') AS places_status,
        a.value AS applicants, coalesce(a.status, 'missing') AS applicants_status,
        f.value AS unfilled, coalesce(f.status, 'missing') AS unfilled_status,
        u.value AS unplaced, coalesce(u.status, 'missing') AS unplaced_status,
        mart.provenance_combine(p.provenance, a.provenance) AS provenance,
        mart.provenance_combine(f.provenance, u.provenance) AS mismatch_provenance
    FROM groups g
    LEFT JOIN m p ON p.measure = 'places' AND (p.ags, p.year, p.occupation_group) = (g.ags, g.year, g.occupation_group)
    LEFT JOIN m a ON a.measure = 'applicants'
        AND (a.ags, a.year, a.occupation_group) = (g.ags, g.year, g.occupation_group)
    LEFT JOIN m f ON f.measure = 'unfilled'
        AND (f.ags, f.year, f.occupation_group) = (g.ags, g.year, g.occupation_group)
    LEFT JOIN m u ON u.measure = 'unplaced'
        AND (u.ags, u.year, u.occupation_group) = (g.ags, g.year, g.occupation_group)),
statuses AS (
    SELECT *, status_combine(places_status, applicants_status) AS status,
        status_combine(unfilled_status, unplaced_status) AS mismatch_status
    FROM wide),
out AS (
    SELECT s.*, CASE WHEN status_usable(s.status) THEN s.applicants - s.places END AS gap,
        CASE WHEN status_usable(s.mismatch_status) AND s.unfilled > 0 THEN s.unplaced / s.unfilled * 100 END
            AS mismatch,
        -- no unfilled place: a ratio per 100 unfilled places is no statement (official symbol x)
        CASE WHEN status_usable(s.mismatch_status) AND NOT s.unfilled > 0 THEN 'not_applicable'
             ELSE s.mismatch_status END AS ratio_status,
        l.label
    FROM statuses s
    LEFT JOIN (SELECT kldb2, max(kldb2_label) AS label FROM mart.occupation_sectors GROUP BY kldb2) l
        ON l.kldb2 = s.occupation_group)
SELECT ags, year, occupation_group, label, places, places_status, applicants, applicants_status, unfilled,
    unfilled_status, unplaced, unplaced_status, gap, status, provenance, mismatch, ratio_status AS mismatch_status,
    mismatch_provenance,
    row_number() OVER (PARTITION BY ags, year ORDER BY abs(gap) DESC NULLS LAST, gap DESC, occupation_group)
        AS position
FROM out
ORDER BY ags, year, position;
