"""Published figures for Kreis Lippe that the demo reproduces (shared/design/DOMAIN.md)."""

#: Population at 31.12. (IT.NRW, after Zensus-2022 rebasing).
LIPPE_POPULATION = {2023: 349_781, 2024: 347_149}
#: Population of the 16 Gemeinden at 31.12.2024 (IT.NRW 12411-15i).
GEMEINDE_POPULATION_2024 = {
    "05766004": 9_774,
    "05766008": 53_958,
    "05766012": 8_297,
    "05766016": 15_485,
    "05766020": 74_278,
    "05766024": 7_528,
    "05766028": 11_248,
    "05766032": 17_320,
    "05766036": 13_256,
    "05766040": 35_054,
    "05766044": 39_905,
    "05766048": 17_226,
    "05766052": 9_232,
    "05766056": 17_233,
    "05766060": 8_098,
    "05766064": 9_257,
}
#: Projection: about -8 % by 2050 (IT.NRW 2025); under-20s shrink the most.
PROJECTION_CHANGE_2050 = -0.08
#: Training market (Agentur Detmold), key = year of the Berichtsjahr end (2020 = 2019/20):
#: applicants, places, unplaced, unfilled.
TRAINING_MARKET = {
    2020: (3_116, 2_131, 171, 101),
    2023: (2_471, 2_199, 91, 127),
    2024: (2_339, 2_101, 121, 95),
    2025: (2_365, 1_983, 145, 116),
}
#: Unemployment (annual average): rate in percent; unemployed and under-25 unemployed in 2025.
UNEMPLOYMENT_RATE = {2024: 5.5, 2025: 6.1}
UNEMPLOYED_2025 = 11_350
UNEMPLOYED_U25_2025 = 1_215
#: School leavers: share without certificate (2011: 5.8 %), with Hochschulreife 2019 (39.1 %).
LEAVERS_WITHOUT_SHARE = 0.058
LEAVERS_HOCHSCHULREIFE_2019 = 0.391
#: Employees at workplace 2016: about 110,000; manufacturing share 28.9 % (NRW 20.4 %).
EMPLOYEES_2016 = 110_000
MANUFACTURING_SHARE = 0.289
MANUFACTURING_SHARE_NRW = 0.204
#: U3 Versorgungsquote (places per child under 3) per Jugendamt, Kita-Jahr 2019/20.
U3_PLACE_RATE_2019 = {
    "JA05766K": 0.405,
    "JA05766020": 0.344,
    "JA05766008": 0.340,
    "JA05766044": 0.322,
    "JA05766040": 0.213,
}
