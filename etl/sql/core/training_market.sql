-- core.training_market: BA Ausbildungsmarkt per Agenturbezirk or Kreis (template);
-- Berichtsjahr 2023/24 (October to 30 September) -> year 2024.
CREATE TABLE core.training_market (
    ags TEXT, period TEXT, year INTEGER, occupation_group TEXT, measure TEXT, value DOUBLE, status TEXT,
    table_code TEXT
);
-- @requires LOCAL-AUSBILDUNGSMARKT
INSERT INTO core.training_market
SELECT ags, period, period_end_year(period),
       CASE WHEN occupation_group = 'INSGESAMT' THEN 'total'
            WHEN regexp_matches(occupation_group, '^\d{2}$') THEN occupation_group END,
       CASE WHEN variable IN ('applicants', 'places', 'unplaced', 'unfilled', 'alternative', 'new_contracts')
            THEN variable END,
       value, status, table_code
FROM raw."LOCAL-AUSBILDUNGSMARKT";
