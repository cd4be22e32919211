-- Education and the economy: sector structure with location quotients and key industries, BA training
-- places and applicants distributed to the WZ partition positions, training rates, apprentices by area.
-- Needs mart.location_quotients, mart.indicator_values, mart.occupation_sectors and mart.wz_sections.

-- The sector structure the page ranks: the positions that partition all employees plus their parts
-- (C inside B-E); the aggregates B-F and G-U are left out. status = the location quotient's status.
CREATE OR REPLACE TABLE mart.sector_structure AS
SELECT l.ags, l.period, l.year, l.wz_section, w.label, w.position, w.in_partition, w.part_of, l.employees,
    l.employees_status, l.share, l.share_status, l.ref_ags, l.ref_share, l.ref_share_status, l.lq,
    l.lq_status AS status, l.key_industry, l.lq_provenance AS provenance
FROM mart.location_quotients l JOIN mart.wz_sections w USING (wz_section)
WHERE w.in_partition OR w.part_of IS NOT NULL;

-- BA training places and applicants per reporting area (Kreis or Agentur) and year, distributed to the
-- partition positions by the weights of mart.occupation_sectors. A position's sum is unknown (worst
-- status) when one contributing occupation group is unusable or has no row for the measure; summed in
-- the order of the occupation groups, so that every build gives the same last bit (fsum alone did not).
CREATE OR REPLACE TABLE mart.training_by_sector AS
WITH m AS (
    SELECT ags, year, split_part(key, '/', 1) AS kldb2, split_part(key, '/', 2) AS measure, value, status,
        provenance
    FROM mart.obs WHERE topic = 'training_market' AND split_part(key, '/', 1) <> 'total'),
groups AS (SELECT DISTINCT ags, year, kldb2 FROM m),
cells AS (
    SELECT g.ags, g.year, g.kldb2, ms.measure, v.value, coalesce(v.status, 'missing') AS status, v.provenance
    FROM groups g CROSS JOIN (VALUES ('places'), ('applicants')) ms(measure)
    LEFT JOIN m v ON v.ags = g.ags AND v.year = g.year AND v.kldb2 = g.kldb2 AND v.measure = ms.measure),
mapped AS (
    SELECT c.ags, c.year, s.wz_section, c.measure, sum(c.value * s.weight ORDER BY c.kldb2) AS value,
        mart.worst_status(c.status) AS status, mart.worst_provenance(c.provenance) AS provenance
    FROM cells c JOIN mart.occupation_sectors s USING (kldb2)
    GROUP BY ALL)
SELECT p.ags, p.year, p.wz_section,
    CASE WHEN status_usable(p.status) THEN p.value END AS places, p.status AS places_status,
    CASE WHEN status_usable(a.status) THEN a.value END AS applicants, a.status AS applicants_status,
    mart.provenance_combine(p.provenance, a.provenance) AS provenance
FROM mapped p JOIN mapped a ON a.ags = p.ags AND a.year = p.year AND a.wz_section = p.wz_section
    AND a.measure = 'applicants'
WHERE p.measure = 'places';

-- Per partition position of a region in an employment year: employees and the places / applicants of
-- the training-market area (the Kreis or its Agentur) in a Berichtsjahr, and places per 100 employees.
-- A position without mapped training rows has places_status `missing`.
CREATE OR REPLACE MACRO mart.sector_training(region, employment_year, market_ags, market_year) AS TABLE
SELECT s.wz_section, s.label, s.position, s.employees, s.share, s.lq, s.employees_status,
    t.places, coalesce(t.places_status, 'missing') AS places_status, t.applicants,
    coalesce(t.applicants_status, 'missing') AS applicants_status,
    status_combine(s.employees_status, coalesce(t.places_status, 'missing')) AS status,
    CASE WHEN status_usable(status_combine(s.employees_status, coalesce(t.places_status, 'missing')))
              AND s.employees > 0 THEN t.places / s.employees * 100 END AS places_per_100,
    mart.provenance_combine(s.provenance, t.provenance) AS provenance
FROM mart.sector_structure s
LEFT JOIN mart.training_by_sector t ON t.ags = market_ags AND t.year = market_year
    AND t.wz_section = s.wz_section
WHERE s.ags = region AND s.year = employment_year AND s.in_partition;

-- Apprentices per 100 employees (the catalogue indicator training_rate, read from the indicator values)
-- and per 100 employees aged 50 and over (50-60, 60-65, 65-; unknown when one group is unusable or has
-- no row). measure: training_rate | per_older_employees.
CREATE OR REPLACE TABLE mart.training_rates AS
SELECT ags, period, year, 'training_rate' AS measure, numerator, denominator, value, status, provenance
FROM mart.indicator_values WHERE indicator_id = 'training_rate'
UNION ALL
SELECT ags, period, year, 'per_older_employees',
    CASE WHEN status_usable(numerator_status) THEN numerator END,
    CASE WHEN status_usable(denominator_status) THEN denominator END,
    CASE WHEN status_usable(status_combine(numerator_status, denominator_status)) AND denominator <> 0
         THEN numerator / denominator * 100 END,
    CASE WHEN status_usable(status_combine(numerator_status, denominator_status)) AND denominator = 0
         THEN 'not_applicable' ELSE status_combine(numerator_status, denominator_status) END,
    mart.provenance_combine(numerator_provenance, denominator_provenance)
FROM mart.ratio('apprentices', ['total/apprentices'],
                'employees', ['total/50-60', 'total/60-65', 'total/65-']);

-- Apprentices by Ausbildungsbereich (IH, HW, OD, LW, FB, HWI; without the total).
CREATE OR REPLACE TABLE mart.apprentices_by_area AS
SELECT ags, period, year, split_part(key, '/', 1) AS area, value, status, provenance
FROM mart.obs
WHERE topic = 'apprentices' AND split_part(key, '/', 2) = 'apprentices'
    AND split_part(key, '/', 1) <> 'total';

