"""Reference lists for the Germany-scale demo (benchmark): Länder and Regierungsbezirke by key."""

#: Länder with Regierungsbezirke today (used for the Germany-scale region tree).
RB_LAENDER = ("05", "06", "08", "09")
LAENDER = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}
RB_NAMES = {
    "064": "Darmstadt",
    "065": "Gießen",
    "066": "Kassel",
    "081": "Stuttgart",
    "082": "Karlsruhe",
    "083": "Freiburg",
    "084": "Tübingen",
    "091": "Oberbayern",
    "092": "Niederbayern",
    "093": "Oberpfalz",
    "094": "Oberfranken",
    "095": "Mittelfranken",
    "096": "Unterfranken",
    "097": "Schwaben",
}
