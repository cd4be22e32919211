-- core.vocational: Berufskolleg pupils and entrants by iABE sector, school year 2024/25 -> year 2024.
CREATE TABLE core.vocational (
    ags TEXT, period TEXT, year INTEGER, sector TEXT, measure TEXT, value DOUBLE, status TEXT,
    table_code TEXT
);
-- @requires 21121-01-05-4
INSERT INTO core.vocational
SELECT ags, period, period_year(period),
       CASE "IABESEK" WHEN 'INSGESAMT' THEN 'total' WHEN 'SEK-I' THEN 'I' WHEN 'SEK-II' THEN 'II'
           WHEN 'SEK-III' THEN 'III' END,
       CASE variable WHEN 'SCH001' THEN 'pupils' WHEN 'SCH002' THEN 'entrants' END,
       value, status, table_code
FROM raw."21121-01-05-4";
