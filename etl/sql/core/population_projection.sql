-- core.population_projection: IT.NRW Bevölkerungsvorausberechnung, copied into the template
-- (LOCAL-VORAUSBERECHNUNG; no regional download table exists). The base year is part of the
-- variable name (population_base2024); the period is the target year.
CREATE TABLE core.population_projection (
    ags TEXT, period TEXT, base_year INTEGER, year INTEGER, age_from INTEGER, age_to INTEGER,
    value DOUBLE, status TEXT, table_code TEXT, stand TEXT
);
-- @requires LOCAL-VORAUSBERECHNUNG
INSERT INTO core.population_projection
SELECT r.ags, r.period, TRY_CAST(regexp_extract(r.variable, 'population_base(\d{4})', 1) AS INTEGER),
       period_year(r.period), age_from(r.age_band), age_to(r.age_band), r.value, r.status, r.table_code, f.stand
FROM raw."LOCAL-VORAUSBERECHNUNG" r JOIN raw.files f USING (file_id)
WHERE starts_with(r.variable, 'population_base');
