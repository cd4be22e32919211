"""Published figures the demo reproduces, keyed by AGS (shared/design/DOMAIN.md).

The generator applies a Kreis's figures when that Kreis is the home Kreis of the run (the one modelled
down to its Gemeinden); every other Kreis of the home Land gets the rounded size of its real population
(KREIS_POPULATION_2023_ROUNDED), every other quantity drawn at random around plausible magnitudes. Kreis Lippe
(05766) is the calibrated demo: its figures are published ones. Figures of other Kreise are marked
approximate where they are rounded public facts, only to give a demo for that Kreis realistic sizes.
"""

#: Population at 31.12. (IT.NRW, after Zensus-2022 rebasing).
KREIS_POPULATION = {"05766": {2023: 349_781, 2024: 347_149}}
#: Population of the Gemeinden at 31.12.2024: Lippe as published (IT.NRW 12411-15i); Gütersloh (05754)
#: APPROXIMATE, rounded to 500 from public figures (Kreis about 370,000).
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
    "05754004": 9_000,
    "05754008": 102_000,
    "05754012": 22_000,
    "05754016": 25_500,
    "05754020": 16_500,
    "05754024": 8_500,
    "05754028": 50_000,
    "05754032": 30_000,
    "05754036": 27_500,
    "05754040": 20_500,
    "05754044": 26_500,
    "05754048": 22_000,
    "05754052": 11_000,
}
#: Cadastral area in qkm: Lippe as published; Gütersloh approximate.
KREIS_AREA = {"05766": 1246.21, "05754": 969.2}
#: Population at 31.12.2023 of every Kreis and kreisfreie Stadt of NRW: ROUNDED to 1,000, for the demo's
#: plausibility only (the order of magnitude of the comparison Kreise), never a figure to quote. Source:
#: Destatis/IT.NRW Fortschreibung on the Zensus-2022 basis (31.12.2023) as listed by citypopulation.de;
#: marked "z22": the Zensus result of 15.05.2022 (the 31.12.2023 figure was not at hand); marked "est":
#: best knowledge of the published figure, rounded to 5,000. The home Kreis's own published figures
#: (KREIS_POPULATION, GEMEINDE_POPULATION_2024) take precedence over this table.
KREIS_POPULATION_2023_ROUNDED = {
    "05111": 616_000,  # Düsseldorf
    "05112": 503_000,  # Duisburg
    "05113": 574_000,  # Essen
    "05114": 230_000,  # Krefeld
    "05116": 264_000,  # Mönchengladbach (z22)
    "05117": 171_000,  # Mülheim an der Ruhr (z22)
    "05119": 212_000,  # Oberhausen (z22)
    "05120": 114_000,  # Remscheid (z22)
    "05122": 165_000,  # Solingen (z22)
    "05124": 357_000,  # Wuppertal (z22)
    "05154": 320_000,  # Kleve
    "05158": 488_000,  # Mettmann (z22)
    "05162": 454_000,  # Rhein-Kreis Neuss (z22)
    "05166": 294_000,  # Viersen (z22)
    "05170": 455_000,  # Wesel (est; Zensus 2022 "rund 453,000")
    "05314": 322_000,  # Bonn
    "05315": 1_024_000,  # Köln
    "05316": 168_000,  # Leverkusen
    "05334": 578_000,  # Städteregion Aachen (z22)
    "05358": 278_000,  # Düren
    "05362": 471_000,  # Rhein-Erft-Kreis (z22)
    "05366": 202_000,  # Euskirchen
    "05370": 262_000,  # Heinsberg
    "05374": 273_000,  # Oberbergischer Kreis (z22)
    "05378": 283_000,  # Rheinisch-Bergischer Kreis (z22)
    "05382": 600_000,  # Rhein-Sieg-Kreis (z22)
    "05512": 119_000,  # Bottrop
    "05513": 267_000,  # Gelsenkirchen
    "05515": 304_000,  # Münster (z22)
    "05554": 380_000,  # Borken
    "05558": 226_000,  # Coesfeld
    "05562": 618_000,  # Recklinghausen (z22)
    "05566": 444_000,  # Steinfurt (z22)
    "05570": 280_000,  # Warendorf (est)
    "05711": 332_000,  # Bielefeld
    "05754": 364_000,  # Gütersloh
    "05758": 255_000,  # Herford
    "05762": 139_000,  # Höxter
    "05766": 348_000,  # Lippe (the calibrated KREIS_POPULATION is used)
    "05770": 319_000,  # Minden-Lübbecke (z22)
    "05774": 313_000,  # Paderborn (z22)
    "05911": 357_000,  # Bochum
    "05913": 601_000,  # Dortmund
    "05914": 191_000,  # Hagen
    "05915": 179_000,  # Hamm
    "05916": 156_000,  # Herne
    "05954": 315_000,  # Ennepe-Ruhr-Kreis
    "05958": 261_000,  # Hochsauerlandkreis
    "05962": 410_000,  # Märkischer Kreis (z22)
    "05966": 132_000,  # Olpe (z22)
    "05970": 274_000,  # Siegen-Wittgenstein (z22)
    "05974": 298_000,  # Soest (z22)
    "05978": 393_000,  # Unna (z22)
}
#: Population at 31.12.2023 of the Länder modelled at Kreis depth (the demo's Land; Destatis, Zensus-2022
#: basis): the Kreise of the table above are scaled by one factor (about 1.004) so that they and the home
#: Kreis sum to it. Germany: the total the Germany scale scales its random Kreise to; the rest of Germany
#: outside the Land is one model unit at the default scale.
LAND_POPULATION_2023 = {"05": 18_017_520}
GERMANY_POPULATION = 83.65e6
REST_POPULATION = 65.5e6
#: Projection: about -8 % by 2050 (IT.NRW 2025); under-20s shrink the most.
PROJECTION_CHANGE_2050 = -0.08
#: Training market (Agentur Detmold = Kreis Lippe), key = year of the Berichtsjahr end (2020 = 2019/20):
#: applicants, places, unplaced, unfilled. TRAINING_MARKET as published; TRAINING_MARKET_FILL for the
#: other years of the series (invented, on the published trend). The first Kreis here is the template for a
#: home Kreis without figures (scaled by population).
TRAINING_MARKET = {
    "05766": {
        2020: (3_116, 2_131, 171, 101),
        2023: (2_471, 2_199, 91, 127),
        2024: (2_339, 2_101, 121, 95),
        2025: (2_365, 1_983, 145, 116),
    }
}
TRAINING_MARKET_FILL = {
    "05766": {
        2014: (3_420, 2_080, 160, 70),
        2015: (3_390, 2_060, 150, 75),
        2016: (3_350, 2_090, 140, 80),
        2017: (3_300, 2_120, 150, 85),
        2018: (3_240, 2_150, 160, 95),
        2019: (3_180, 2_170, 165, 105),
        2021: (2_840, 2_090, 150, 120),
        2022: (2_620, 2_150, 110, 130),
    }
}
#: Unemployment (annual average): rate in percent 2014..2025 (2024 and 2025 published; the path of the
#: first Kreis here is the time profile of every Kreis); unemployed and under-25 unemployed in 2025.
UNEMPLOYMENT_RATE_PATH = {"05766": (6.6, 6.5, 6.3, 5.9, 5.5, 5.2, 6.0, 5.9, 5.3, 5.3, 5.5, 6.1)}
UNEMPLOYED_2025 = {"05766": 11_350}
UNEMPLOYED_U25_2025 = {"05766": 1_215}
#: School leavers: share without certificate (2011: 5.8 %), with Hochschulreife 2019 (39.1 %).
LEAVERS_WITHOUT_SHARE = 0.058
LEAVERS_HOCHSCHULREIFE_2019 = 0.391
#: Employees at workplace 2016 (Lippe about 110,000) and manufacturing share (Lippe 28.9 %, NRW 20.4 %).
EMPLOYEES_2016 = {"05766": 110_000}
MANUFACTURING_SHARE = {"05766": 0.289}
MANUFACTURING_SHARE_LAND = {"05": 0.204}
#: Kita: share of under-3s in care at 1 March 2014 (then +1.1 points a year).
KITA_RATE_U3_2014 = {"05766": 0.22}
#: U3 Versorgungsquote (places per child under 3) per Jugendamt, Kita-Jahr 2019/20; a Gemeinde without a
#: Jugendamt mapping starts from the default.
U3_PLACE_RATE_2019 = {
    "JA05766K": 0.405,
    "JA05766020": 0.344,
    "JA05766008": 0.340,
    "JA05766044": 0.322,
    "JA05766040": 0.213,
}
U3_PLACE_RATE_2019_DEFAULT = 0.33
#: Students at the Hochschulen of the Kreis and their shares of the six model subject groups.
STUDENTS = {"05766": (6_600, (0.05, 0.2, 0.08, 0.07, 0.45, 0.15))}
#: Share of pupils at PRIMUS schools (school trial in NRW) per Kreis; Waldorf share where known.
PRIMUS_SHARE = {"05766": 0.02, "05770": 0.015}
WALDORF_SHARE = {"05766": 0.004}
#: Gemeinden with the PRIMUS school and the Waldorf school of a home Kreis (default: no PRIMUS school,
#: the Waldorf school in the largest Gemeinde).
PRIMUS_GEMEINDE = {"05766": "05766060"}
WALDORF_GEMEINDE = {"05766": "05766020"}
