-- Macros shared by the core SQL files (etl/sql/core/*.sql).
-- Calendar year of the first year in a period: '2024-12-31', '2024', '2023/24', 'WS 2023/24'.
CREATE OR REPLACE MACRO period_year(p) AS TRY_CAST(regexp_extract(p, '(\d{4})', 1) AS INTEGER);
-- Year of the reference date for periods that end in their second year ('2023/24' -> 2024).
CREATE OR REPLACE MACRO period_end_year(p) AS
    period_year(p) + CASE WHEN contains(p, '/') THEN 1 ELSE 0 END;
-- Deepest label of a Tabellen-CSV variable ('Auszubildende | Handwerk' -> 'Handwerk').
CREATE OR REPLACE MACRO leaf(v) AS trim(string_split(v, ' | ')[-1]);
-- Age bounds (age_to exclusive, NULL = open) from GENESIS codes (ALT003B06, ALT075UM, INSGESAMT)
-- or labels ('unter 1 Jahr', '3 bis unter 4 Jahre', '90 Jahre und mehr', 'Insgesamt').
CREATE OR REPLACE MACRO age_from(x) AS CASE
    WHEN x IN ('INSGESAMT', 'Insgesamt') THEN 0
    WHEN regexp_matches(x, '^ALT\d{3}(B\d{2,3}|UM)$') THEN CAST(substr(x, 4, 3) AS INTEGER)
    WHEN regexp_matches(x, '^unter \d+ Jahre?$') THEN 0
    WHEN regexp_matches(x, '^\d+ (bis unter \d+ Jahre?|Jahre? und mehr)$')
        THEN CAST(regexp_extract(x, '^(\d+)', 1) AS INTEGER)
    END;
CREATE OR REPLACE MACRO age_to(x) AS CASE
    WHEN regexp_matches(x, '^ALT\d{3}B\d{2,3}$') THEN CAST(regexp_extract(x, 'B(\d+)$', 1) AS INTEGER)
    WHEN regexp_matches(x, '^(\d+ bis )?unter \d+ Jahre?$')
        THEN CAST(regexp_extract(x, 'unter (\d+)', 1) AS INTEGER)
    END;
-- Schulform label (IT.NRW school statistics) -> core code.
CREATE OR REPLACE MACRO school_type_code(label) AS CASE label
    WHEN 'Grundschule' THEN 'GS' WHEN 'Hauptschule' THEN 'HS' WHEN 'Realschule' THEN 'RS'
    WHEN 'Sekundarschule' THEN 'SK' WHEN 'Gesamtschule' THEN 'GE' WHEN 'Gymnasium' THEN 'GY'
    WHEN 'PRIMUS-Schule' THEN 'PR' WHEN 'Förderschule' THEN 'FOE' WHEN 'Freie Waldorfschule' THEN 'WDS'
    WHEN 'Sonstige' THEN 'SONST' WHEN 'Insgesamt' THEN 'total' END;
-- Gemeinde key (8-digit AGS).
CREATE OR REPLACE MACRO is_gemeinde(ags) AS regexp_matches(ags, '^\d{8}$');
