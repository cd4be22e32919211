-- core.population_projection: IT.NRW projection 12421-01i; base year from the header or the title.
CREATE TABLE core.population_projection (
    ags TEXT, period TEXT, base_year INTEGER, year INTEGER, age_from INTEGER, age_to INTEGER,
    value DOUBLE, status TEXT, table_code TEXT
);
-- @requires 12421-01i
INSERT INTO core.population_projection
SELECT r.ags, r.period,
       TRY_CAST(regexp_extract(r.variable || ' ' || coalesce(f.title, ''), 'Basisjahr (\d{4})', 1) AS INTEGER),
       period_year(r.period), age_from(leaf(r.variable)), age_to(leaf(r.variable)),
       r.value, r.status, r.table_code
FROM raw."12421-01i" r JOIN raw.files f USING (file_id);
