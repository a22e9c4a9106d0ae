"""Synthetic directories of any size, for benchmarks only.

Every record is marked ``source = "synthetic"``; names and descriptions mix several
languages and scripts so the search index sees realistic, multilingual text.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from desktop.directory.build import atomic_output, write_directory
from desktop.directory.schema import CATEGORY_CODES, ORGANIZATION_KINDS, SYNTHETIC_SOURCE
from desktop.directory.sources import CATEGORY_TAXONOMY_ID, Sources, derived_id


class _Ids:
    """Version-4-shaped UUIDs that grow: a counter, then random digits.

    Made in increasing order, rows append to their tables' key trees instead of landing
    all over the file, and they are much cheaper than uuid5.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.counter = 0

    def __call__(self) -> str:
        self.counter += 1
        tail = f"{self.rng.getrandbits(76):019x}"
        return (f"{self.counter >> 16:08x}-{self.counter & 0xFFFF:04x}-4{tail[:3]}-"
                f"{'89ab'[self.rng.getrandbits(2)]}{tail[3:6]}-{tail[6:18]}")


CITIES = (
    ("Brussels", "BE", 50.8466, 4.3528), ("Antwerp", "BE", 51.2194, 4.4025),
    ("Stockholm", "SE", 59.3293, 18.0686), ("Malmö", "SE", 55.6050, 13.0038),
    ("Berlin", "DE", 52.5200, 13.4050), ("Köln", "DE", 50.9375, 6.9603),
    ("Paris", "FR", 48.8566, 2.3522), ("Marseille", "FR", 43.2965, 5.3698),
    ("Madrid", "ES", 40.4168, -3.7038), ("Barcelona", "ES", 41.3874, 2.1686),
    ("Athína", "GR", 37.9838, 23.7275), ("Thessaloníki", "GR", 40.6401, 22.9444),
    ("São Paulo", "BR", -23.5505, -46.6333), ("Rio de Janeiro", "BR", -22.9068, -43.1729),
    ("Lisboa", "PT", 38.7223, -9.1393), ("Kuala Lumpur", "MY", 3.1390, 101.6869),
    ("George Town", "MY", 5.4141, 100.3288), ("Sydney", "AU", -33.8688, 151.2093),
    ("Melbourne", "AU", -37.8136, 144.9631), ("Johannesburg", "ZA", -26.2041, 28.0473),
    ("Praia", "CV", 14.9330, -23.5133), ("Beograd", "RS", 44.7866, 20.4489),
    ("Vilnius", "LT", 54.6872, 25.2797), ("Maputo", "MZ", -25.9692, 32.5732),
)
LANGUAGES = ("en", "ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "ti", "so", "am", "tr",
             "ur", "zh", "tl", "de", "sv", "el", "it")
NAME_PARTS = {
    "en": (("Community", "Workers'", "Migrant", "Newcomers'", "Neighbourhood", "Family"),
           ("Centre", "Union", "Association", "Network", "Radio", "Advice Point", "Hub")),
    "fr": (("Maison", "Association", "Collectif", "Réseau", "Syndicat", "Radio"),
           ("des migrants", "solidaire", "de quartier", "des travailleurs", "d'accueil")),
    "es": (("Asociación", "Sindicato", "Centro", "Red", "Casa", "Radio"),
           ("de migrantes", "solidaria", "del barrio", "de trabajadores", "de acogida")),
    "pt": (("Associação", "Sindicato", "Centro", "Rede", "Casa"),
           ("dos imigrantes", "solidária", "do bairro", "dos trabalhadores", "de acolhimento")),
    "ar": (("جمعية", "مركز", "شبكة", "بيت", "إذاعة"),
           ("الجالية", "المهاجرين", "العمال", "التضامن", "الأسرة")),
    "fa": (("انجمن", "مرکز", "خانه", "شبکه"), ("مهاجران", "افغان‌ها", "همبستگی", "کارگران")),
    "ru": (("Центр", "Община", "Союз", "Радио"), ("мигрантов", "помощи", "трудящихся")),
    "uk": (("Громада", "Центр", "Спілка"), ("українців", "підтримки", "переселенців")),
    "ti": (("ማሕበር", "ማእከል"), ("ኤርትራውያን", "ስደተኛታት", "ሰራሕተኛታት")),
    "so": (("Ururka", "Xarunta", "Bulshada"), ("Soomaaliyeed", "Qaxootiga", "Shaqaalaha")),
}
DESCRIPTION_PARTS = {
    "en": ("Free advice on housing, tenancy and rent for newcomers.",
           "Legal help with residence permits, asylum and family reunification.",
           "Language classes and homework clubs for children and adults.",
           "Job search support, CV workshops and vocational training.",
           "Health information, interpretation at appointments and mental health support.",
           "A trade union that defends the rights of migrant workers, with or without papers.",
           "Radio programmes and news in the languages of the community.",
           "Social evenings, mentoring and help to find your way in the city."),
    "fr": ("Conseils gratuits sur le logement et les droits des locataires.",
           "Aide juridique pour les titres de séjour et le regroupement familial.",
           "Cours de langue et accompagnement vers l'emploi."),
    "es": ("Asesoría gratuita sobre vivienda y alquiler.",
           "Ayuda legal con permisos de residencia y asilo.",
           "Clases de idioma y orientación laboral para personas migrantes."),
    "pt": ("Apoio jurídico e orientação sobre moradia para imigrantes.",
           "Cursos de língua portuguesa e formação profissional."),
    "ar": ("مساعدة مجانية في السكن والإيجار للقادمين الجدد.",
           "استشارات قانونية حول الإقامة واللجوء ولم شمل الأسرة.",
           "دروس لغة ودعم في البحث عن عمل."),
    "fa": ("مشاوره رایگان درباره مسکن و اجاره.", "کلاس زبان و کمک در پیدا کردن کار."),
    "ru": ("Бесплатные консультации по жилью и трудовым правам.",),
    "uk": ("Допомога з житлом, роботою та документами для українців.",),
    "ti": ("ብዛዕባ መንበሪ ገዛን ሕጋዊ ሓገዝን ነጻ ምኽሪ።",),
    "so": ("Caawimaad bilaash ah oo ku saabsan guriyeynta iyo shaqada.",),
}
HOURS = (("MO,TU,WE,TH,FR", "09:00", "17:00"), ("MO,WE,FR", "10:00", "16:00"),
         ("TU,TH", "13:00", "20:00"), ("SA", "10:00", "14:00"),
         ("MO,TU,WE,TH,FR", "08:30", "12:30"))


CHUNK = 20_000
TIME_ZONES = {
    "BE": "Europe/Brussels", "SE": "Europe/Stockholm", "DE": "Europe/Berlin",
    "FR": "Europe/Paris", "ES": "Europe/Madrid", "GR": "Europe/Athens",
    "BR": "America/Sao_Paulo", "PT": "Europe/Lisbon", "MY": "Asia/Kuala_Lumpur",
    "AU": "Australia/Sydney", "ZA": "Africa/Johannesburg", "CV": "Atlantic/Cape_Verde",
    "RS": "Europe/Belgrade", "LT": "Europe/Vilnius", "MZ": "Africa/Maputo",
}


def _search_words() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    import tomllib

    from desktop import paths
    from desktop.directory.search_words import read_all_search_words

    folder = paths.sources_dir()
    with (folder / "categories.toml").open("rb") as handle:
        keywords = {c["code"]: list(c.get("keywords", []))
                    for c in tomllib.load(handle).get("category", [])}
    words = read_all_search_words(folder / "vocabulary")
    for code, listed in words.categories.items():
        keywords.setdefault(code, []).extend(listed)
    return keywords, words.kinds


def synthetic_sources(count: int, seed: int = 1) -> Iterator[Sources]:
    """The synthetic directory in chunks of CHUNK organisations."""
    rng = random.Random(seed)
    ids = _Ids(random.Random(seed + 1))  # its own stream, so ids do not shift the text
    sources = Sources()
    rows = sources.rows
    # The real search words, so a synthetic directory is searched as the real one is.
    sources.keywords, sources.kind_keywords = _search_words()
    rows("taxonomy").append({"id": CATEGORY_TAXONOMY_ID, "name": "categories",
                             "description": "", "uri": None, "version": "1"})
    term_ids = {code: derived_id("synthetic-term", code) for code in CATEGORY_CODES}
    for code, term_id in term_ids.items():
        rows("taxonomy_term").append({"id": term_id, "code": code,
                                      "name": code.replace("_", " "), "description": "",
                                      "taxonomy_id": CATEGORY_TAXONOMY_ID})
    today = date(2026, 11, 1)
    name_languages = list(NAME_PARTS)
    for number in range(count):
        if number and number % CHUNK == 0:
            yield sources
            sources = Sources()
            rows = sources.rows
        org_id = ids()
        lang = rng.choice(name_languages)
        first, second = NAME_PARTS[lang]
        name = f"{rng.choice(first)} {rng.choice(second)} {number}"
        city, country, lat, lon = rng.choice(CITIES)
        other_language = rng.choice(list(DESCRIPTION_PARTS))
        description = " ".join([*rng.sample(DESCRIPTION_PARTS["en"], 2),
                                rng.choice(DESCRIPTION_PARTS[other_language])])
        assured = (today - timedelta(days=rng.randrange(0, 600))).isoformat()
        rows("organization").append({
            "id": org_id, "name": name, "description": description,
            "kind": rng.choice(ORGANIZATION_KINDS), "source": SYNTHETIC_SOURCE,
            "assured_date": assured})
        loc_id = ids()
        rows("location").append({
            "id": loc_id, "organization_id": org_id, "location_type": "physical",
            "latitude": round(lat + rng.uniform(-0.08, 0.08), 5),
            "longitude": round(lon + rng.uniform(-0.08, 0.08), 5),
            "time_zone": TIME_ZONES[country],
            "source": SYNTHETIC_SOURCE, "assured_date": assured})
        rows("address").append({
            "id": ids(), "location_id": loc_id,
            "address_1": f"{rng.randrange(1, 200)} {rng.choice(('Rue', 'Calle', 'Street'))} "
                         f"{rng.choice(('Centrale', 'Mayor', 'Station', 'Haute'))}",
            "city": city, "country": country, "address_type": "physical"})
        for _ in range(2):
            svc_id = ids()
            rows("service").append({
                "id": svc_id, "organization_id": org_id,
                "name": rng.choice(DESCRIPTION_PARTS["en"]).split(",")[0].rstrip("."),
                "description": rng.choice(DESCRIPTION_PARTS[rng.choice(list(DESCRIPTION_PARTS))]),
                "status": "active", "free_of_charge": rng.random() < 0.6,
                "no_documents_needed": rng.random() < 0.4,
                "open_to_undocumented": rng.random() < 0.3,
                "interpretation_available": rng.random() < 0.3,
                "source": SYNTHETIC_SOURCE, "assured_date": assured})
            rows("service_at_location").append({
                "id": ids(), "service_id": svc_id,
                "location_id": loc_id})
            for position, code in enumerate(rng.sample(CATEGORY_CODES, rng.randrange(1, 3))):
                rows("attribute").append({
                    "id": ids(), "link_id": svc_id,
                    "taxonomy_term_id": term_ids[code], "link_type": "category",
                    "link_entity": "service", "value": code,
                    "label": "main" if position == 0 else None})
            for code in rng.sample(LANGUAGES, rng.randrange(1, 4)):
                rows("language").append({"id": ids(),
                                         "service_id": svc_id, "code": code})
            byday, opens, closes = rng.choice(HOURS)
            rows("schedule").append({"id": ids(),
                                     "service_id": svc_id, "freq": "WEEKLY", "byday": byday,
                                     "opens_at": opens, "closes_at": closes})
    yield sources


def synthesise_directory(count: int, output: Path, seed: int = 1) -> Path:
    sources = synthetic_sources(count, seed)
    meta = {"version": f"synthetic-{count}", "build_date": date.today().isoformat(),
            "sources": "synthetic (benchmarks only)", "licence": "none: synthetic data"}
    with atomic_output(Path(output)) as temp:
        write_directory(sources, temp, meta=meta)
    return Path(output)
