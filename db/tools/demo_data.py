"""The vocabulary the demonstration directory is made from (used by make_demo.py).

Everything here is fictional: organisation names are built from invented words, streets
are common street names with made-up numbers, and phone numbers come only from ranges
that regulators reserve for fiction. Service names and description sentences are fixed
strings (no slots) so that db/tools/translation_memory.toml can translate them.
"""

from __future__ import annotations

# Invented words that make every demo name clearly fictional.
WORDS = (
    "Acacia", "Amberleaf", "Baobab", "Bluebell", "Cardamom", "Cedarlight", "Compass Rose",
    "Driftwood", "Evening Star", "Fig Tree", "Firefly", "Harbour Light", "Honeycomb",
    "Juniper", "Kestrel", "Lantern", "Lemon Grove", "Marigold", "Meadowlark", "Monsoon",
    "Morning Bridge", "Northwind", "Olive Lamp", "Palm Court", "Pomegranate", "Riverstone",
    "Saffron", "Sandpiper", "Silver Birch", "Skylark", "Sunflower", "Tamarind", "Thistle",
    "Wild Thyme", "Willow", "Zephyr", "Girasol", "Ipê Amarelo", "Estrela Guia", "Mar Aberto",
    "Sol Naciente", "Étoile du Nord", "Nuvola Verde", "Lindenblüte", "Ljusglimt", "Kanela",
    "Bougainvillea", "Jacaranda", "Hibiscus", "Mangrove",
)

# Country of origin -> (English demonym, languages, a native-script group name or "").
COMMUNITIES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "ER": ("Eritrean", ("ti",), "ማሕበር ኤርትራውያን"),
    "ET": ("Ethiopian", ("am",), "የኢትዮጵያውያን ማህበር"),
    "SO": ("Somali", ("so",), "Ururka Bulshada Soomaaliyeed"),
    "SY": ("Syrian", ("ar",), "جمعية الجالية السورية"),
    "SD": ("Sudanese", ("ar",), "جمعية الجالية السودانية"),
    "MA": ("Moroccan", ("ar", "fr"), "جمعية المغاربة"),
    "IQ": ("Iraqi", ("ar", "ku"), "جمعية الجالية العراقية"),
    "AF": ("Afghan", ("fa", "ps"), "انجمن افغان‌ها"),
    "IR": ("Iranian", ("fa",), "انجمن ایرانیان"),
    "UA": ("Ukrainian", ("uk", "ru"), "Українська громада"),
    "VE": ("Venezuelan", ("es",), "Asociación Venezolana"),
    "CO": ("Colombian", ("es",), "Colectivo Colombiano"),
    "HT": ("Haitian", ("ht", "fr"), "Kominote Ayisyen"),
    "CV": ("Cabo Verdean", ("pt",), "Associação Cabo-verdiana"),
    "BR": ("Brazilian", ("pt",), "Associação Brasileira"),
    "MZ": ("Mozambican", ("pt",), "Associação Moçambicana"),
    "PK": ("Pakistani", ("ur",), "پاکستانی کمیونٹی"),
    # Names in scripts the app bundles no font for (Han, Bengali, Devanagari) would show
    # as empty boxes on a machine without them: written in Latin letters instead.
    "CN": ("Chinese", ("zh",), "Huaren Huzhuhui"),
    "PH": ("Filipino", ("tl",), "Samahang Pilipino"),
    "TR": ("Turkish", ("tr",), "Türk Toplumu Derneği"),
    "BD": ("Bangladeshi", ("bn",), "Bangladeshi Samiti"),
    "NP": ("Nepali", ("ne",), "Nepali Samaj"),
    "MM": ("Myanmar", ("my",), ""),
    "ID": ("Indonesian", ("id",), "Paguyuban Indonesia"),
    "IN": ("Indian", ("hi", "ta"), ""),
    "VN": ("Vietnamese", ("vi",), "Hội Người Việt"),
    "CD": ("Congolese", ("fr", "ln"), "Communauté congolaise"),
    "SN": ("Senegalese", ("fr", "wo"), "Communauté sénégalaise"),
    "ZW": ("Zimbabwean", ("en", "sn"), ""),
    "NG": ("Nigerian", ("en", "yo"), ""),
}

# City: (name, latitude, longitude of the centre, postal codes, phone pattern or "").
# Phone patterns use only fiction ranges: UK 020 7946 0xxx, US 555-01xx, AU 0x 5550 xxxx.
City = tuple[str, float, float, tuple[str, ...], str]

COUNTRIES: dict[str, dict] = {
    "BE": {
        "host": ("fr", "nl"), "street": "fr",
        "cities": [("Brussels", 50.8467, 4.3525, ("1000", "1030", "1060", "1080"), ""),
                   ("Antwerp", 51.2194, 4.4025, ("2000", "2060"), ""),
                   ("Liège", 50.6326, 5.5797, ("4000", "4020"), "")],
        "communities": ("MA", "CD", "SY", "AF", "ER", "TR", "UA"),
        "unions": (("Syndicat Kanela des travailleurs du nettoyage", "cleaning"),
                   ("Vakbondspunt Northwind voor bouwvakkers", "construction")),
    },
    "SE": {
        "host": ("sv",), "street": "sv",
        "cities": [("Stockholm", 59.3293, 18.0686, ("111 22", "118 46", "163 55"), ""),
                   ("Göteborg", 57.7089, 11.9746, ("411 05", "415 02"), ""),
                   ("Malmö", 55.6050, 13.0038, ("211 20", "214 45"), "")],
        "communities": ("SY", "SO", "ER", "AF", "IR", "UA", "IQ"),
        "unions": (("Fackklubben Ljusglimt för städ och service", "cleaning"),
                   ("Skylark Workers' Union", "hotels and restaurants")),
    },
    "DE": {
        "host": ("de",), "street": "de",
        "cities": [("Berlin", 52.5200, 13.4050, ("10999", "12043", "13347"), ""),
                   ("Hamburg", 53.5511, 9.9937, ("20099", "22765"), ""),
                   ("München", 48.1351, 11.5820, ("80337", "81671"), ""),
                   ("Köln", 50.9375, 6.9603, ("50667", "51065"), "")],
        "communities": ("TR", "SY", "AF", "UA", "ER", "IR", "VN"),
        "unions": (("Gewerkschaftsbüro Lindenblüte für Pflegekräfte", "care homes"),
                   ("Beratungsstelle Riverstone für mobile Beschäftigte",
                    "logistics and delivery")),
    },
    "FR": {
        "host": ("fr",), "street": "fr",
        "cities": [("Paris", 48.8566, 2.3522, ("75010", "75018", "75019", "75020"), ""),
                   ("Marseille", 43.2965, 5.3698, ("13001", "13003"), ""),
                   ("Lyon", 45.7640, 4.8357, ("69003", "69007"), "")],
        "communities": ("MA", "SN", "CD", "AF", "ER", "CN", "ET"),
        "unions": (("Syndicat Étoile du Nord des livreurs et chauffeurs", "logistics and delivery"),
                   ("Collectif syndical Jacaranda des travailleuses domestiques", "domestic work")),
    },
    "ES": {
        "host": ("es",), "street": "es",
        "cities": [("Madrid", 40.4168, -3.7038, ("28012", "28045", "28026"), ""),
                   ("Barcelona", 41.3874, 2.1686, ("08001", "08030"), ""),
                   ("Valencia", 39.4699, -0.3763, ("46001", "46023"), "")],
        "communities": ("MA", "VE", "CO", "UA", "CN", "PK", "SN"),
        "unions": (("Sindicato de Trabajadoras del Hogar Girasol", "domestic work"),
                   ("Sindicato de Temporeros y Jornaleros Sol Naciente", "agriculture")),
    },
    "IT": {
        "host": ("it",), "street": "it",
        "cities": [("Roma", 41.9028, 12.4964, ("00185", "00176"), ""),
                   ("Milano", 45.4642, 9.1900, ("20127", "20155"), ""),
                   ("Palermo", 38.1157, 13.3615, ("90133", "90134"), "")],
        "communities": ("MA", "ER", "PH", "CN", "PK", "UA", "BD"),
        "unions": (("Sindacato di base Nuvola Verde dei braccianti", "agriculture"),
                   ("Sportello sindacale Tamarind per colf e badanti", "domestic work")),
    },
    "GR": {
        "host": ("el",), "street": "el",
        "cities": [("Athens", 37.9838, 23.7275, ("104 38", "113 62", "104 34"), ""),
                   ("Thessaloniki", 40.6401, 22.9444, ("546 25", "546 30"), "")],
        "communities": ("AF", "SY", "PK", "IQ", "UA", "BD", "SO"),
        "unions": (("Harbour Light Union of Agricultural and Hotel Workers", "agriculture"),
                   ("Saffron Workers' Solidarity Union", "food processing")),
    },
    "BR": {
        "host": ("pt",), "street": "pt",
        "cities": [("São Paulo", -23.5505, -46.6333, ("01310-100", "03017-000", "01203-001"),
                    ""),
                   ("Rio de Janeiro", -22.9068, -43.1729, ("20040-002", "20230-010"), ""),
                   ("Curitiba", -25.4284, -49.2733, ("80010-000", "80060-000"), "")],
        "communities": ("VE", "HT", "SY", "AF", "CD", "CN", "UA"),
        "unions": (("Sindicato dos Trabalhadores da Costura Ipê Amarelo", "garment making"),
                   ("Sindicato dos Trabalhadores da Limpeza Jacaranda", "cleaning")),
    },
    "PT": {
        "host": ("pt",), "street": "pt",
        "cities": [("Lisboa", 38.7223, -9.1393, ("1100-123", "1170-234", "1150-045"), ""),
                   ("Porto", 41.1579, -8.6291, ("4000-322", "4050-100"), "")],
        "communities": ("BR", "CV", "UA", "NP", "BD", "IN", "MZ"),
        "unions": (("Sindicato dos Trabalhadores Agrícolas Estrela Guia", "agriculture"),
                   ("Sindicato da Hotelaria e Restauração Mar Aberto", "hotels and restaurants")),
    },
    "MY": {
        "host": ("ms", "en"), "street": "ms",
        "cities": [("Kuala Lumpur", 3.1390, 101.6869, ("50050", "50300"), ""),
                   ("George Town", 5.4141, 100.3288, ("10200", "10400"), ""),
                   ("Johor Bahru", 1.4927, 103.7414, ("80000", "80300"), "")],
        "communities": ("MM", "BD", "NP", "ID", "PH", "IN"),
        "unions": (("Kesatuan Mangrove Pekerja Perkilangan", "factories"),
                   ("Hibiscus Plantation and Factory Workers' Union", "plantations and factories")),
    },
    "AU": {
        "host": ("en",), "street": "en",
        "cities": [("Sydney", -33.8688, 151.2093, ("2000", "2010", "2144"),
                    "+61 2 5550 {n4}"),
                   ("Melbourne", -37.8136, 144.9631, ("3000", "3065"), "+61 3 5550 {n4}"),
                   ("Brisbane", -27.4698, 153.0251, ("4000", "4101"), "")],
        "communities": ("CN", "IN", "AF", "SD", "VN", "PH", "IR", "ET"),
        "unions": (("Bougainvillea Workers' Union of Hospitality and Care",
                    "hotels and care homes"),
                   ("Wild Thyme Farm Workers' Union", "agriculture")),
    },
    "ZA": {
        "host": ("en", "zu", "af"), "street": "en",
        "cities": [("Johannesburg", -26.2041, 28.0473, ("2001", "2198"), ""),
                   ("Cape Town", -33.9249, 18.4241, ("8001", "7925"), ""),
                   ("Durban", -29.8587, 31.0218, ("4001", "4091"), "")],
        "communities": ("ZW", "MZ", "SO", "ET", "CD", "NG"),
        "unions": (("Baobab Domestic and Farm Workers' Union", "domestic work and farming"),
                   ("Marigold Informal Traders' Union", "street and market trading")),
    },
    "GB": {
        "host": ("en",), "street": "en",
        "cities": [("London", 51.5074, -0.1278, ("E1 7PT", "N15 4QL", "SE15 5DQ"),
                    "+44 20 7946 0{n3}"),
                   ("Birmingham", 52.4862, -1.8904, ("B10 0HJ", "B11 1TX"), ""),
                   ("Manchester", 53.4808, -2.2426, ("M14 4PZ", "M8 8EP"), "")],
        "communities": ("PK", "SO", "ER", "AF", "UA", "SY", "IR"),
        "unions": (("Kestrel Couriers' and Cleaners' Union", "delivery and cleaning"),
                   ("Thistle Care Workers' Union", "care homes")),
    },
    "US": {
        "host": ("en", "es"), "street": "en",
        "cities": [("New York", 40.7128, -74.0060, ("10025", "11372"), "+1 212 555-01{n2}"),
                   ("Chicago", 41.8781, -87.6298, ("60640", "60625"), "+1 312 555-01{n2}"),
                   ("Los Angeles", 34.0522, -118.2437, ("90057", "90006"),
                    "+1 213 555-01{n2}"),
                   ("Minneapolis", 44.9778, -93.2650, ("55404", "55454"),
                    "+1 612 555-01{n2}")],
        "communities": ("SO", "ET", "PH", "CN", "UA", "AF", "HT", "VE"),
        "unions": (("Sindicato de Jornaleros Sol Naciente (Day Laborers' Union)", "day labour"),
                   ("Honeycomb Home Care Workers' Union", "home care")),
    },
}

# Street name patterns by language; {s} is a common street word, {n} a house number.
STREETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "fr": ("Rue des {s} {n}", ("Lilas", "Tilleuls", "Acacias", "Glycines", "Peupliers",
                               "Cerisiers", "Moulins", "Jardiniers")),
    "sv": ("{s}gatan {n}", ("Lind", "Björk", "Ek", "Sjö", "Hamn", "Äng", "Kvarn", "Rönn")),
    "de": ("{s}straße {n}", ("Linden", "Birken", "Mühlen", "Garten", "Brunnen", "Kastanien",
                            "Weiden", "Ahorn")),
    "es": ("Calle de los {s}, {n}", ("Almendros", "Olivos", "Naranjos", "Cipreses",
                                     "Jazmines", "Molinos", "Alfareros", "Tejedores")),
    "it": ("Via dei {s} {n}", ("Gelsi", "Tigli", "Mandorli", "Cipressi", "Mulini", "Vasai",
                               "Tessitori", "Giardini")),
    "el": ("Odos {s} {n}", ("Anemonis", "Kyparission", "Elaion", "Platanon", "Ampelon",
                            "Rodon", "Dafnis", "Myrtias")),
    "pt": ("Rua dos {s}, {n}", ("Ipês", "Cajueiros", "Oleiros", "Tecelões", "Pinheiros",
                                "Jasmins", "Moinhos", "Laranjais")),
    "ms": ("Jalan {s} {n}", ("Cempaka", "Melur", "Kenanga", "Mawar", "Seroja", "Tanjung",
                             "Bakawali", "Dedap")),
    "en": ("{n} {s} Street", ("Linden", "Orchard", "Mill", "Harbour", "Willow", "Chapel",
                              "Weaver", "Potter")),
}

LOCATION_NAMES: dict[str, tuple[str, ...]] = {
    "community": ("Community hall", "Main office", "Drop-in centre"),
    "union": ("Union office", "Workers' centre", "Advice centre"),
    "media": ("Studio", "Newsroom", "Editorial office"),
    "ngo": ("Drop-in centre", "Advice centre", "Main office"),
    "public": ("Neighbourhood office", "Welcome desk", "Service centre"),
    "employer": ("Head office", "Training centre", "Recruitment office"),
}

# Name patterns per kind; {w} an invented word, {d} a demonym, {c} a city, {native} a
# native-script group name.
COMMUNITY_NAMES = (
    "{native} – {d} Community of {c}",
    "{d} Community Association {w}",
    "{d} Women's Circle {w}",
    "{w} House – {d} cultural centre",
    "{d} Youth Network {w}",
)
NGO_NAMES: dict[str, tuple[str, ...]] = {
    "fr": ("Maison d'accueil {w}", "Permanence juridique {w}", "Collectif {w} pour les migrants"),
    "nl": ("Onthaalhuis {w}",),
    "sv": ("Välkomsthuset {w}", "Föreningen {w} för nyanlända"),
    "de": ("Willkommenshaus {w}", "Beratungsstelle {w} für Geflüchtete", "Verein {w} e.V."),
    "es": ("Casa de acogida {w}", "Asociación {w} de apoyo al migrante", "Centro jurídico {w}"),
    "it": ("Casa {w} per i migranti", "Sportello legale {w}", "Associazione {w}"),
    "pt": ("Casa de acolhida {w}", "Associação {w} de apoio a refugiados",
           "Centro jurídico {w}"),
    "ms": ("Pusat Bantuan {w}",),
    "en": ("{w} Refugee Welcome", "{w} Legal Clinic", "{w} Migrant Health Project",
           "{w} Newcomers' Network", "{w} Solidarity Kitchen"),
    "el": ("{w} Refugee Support Centre",),
}
PUBLIC_NAMES: dict[str, str] = {
    "fr": "Guichet d'accueil du quartier {w}",
    "nl": "Onthaalbureau wijk {w}",
    "sv": "Stadsdelens välkomstkontor {w}",
    "de": "Integrationsbüro Bezirk {w}",
    "es": "Oficina de Acogida del Distrito {w}",
    "it": "Sportello Accoglienza Quartiere {w}",
    "pt": "Centro de Acolhimento do Bairro {w}",
    "el": "{w} District Welcome Office",
    "ms": "Pejabat Sambutan Daerah {w}",
    "en": "{w} District Welcome Office",
}
# (name pattern, sector) so an employer's description matches its name.
EMPLOYER_NAMES = (("{w} Logistics", "logistics and delivery"),
                  ("{w} Hotels & Catering", "hotels and restaurants"),
                  ("{w} Cleaning Cooperative", "cleaning"), ("{w} Construction", "construction"),
                  ("{w} Care Homes", "care homes"), ("{w} Foods", "food processing"))
MEDIA_NAMES = {
    "radio": ("Radio {w} – {d} voices", "{w} FM"),
    "tv": ("{w} TV", "{d} Channel {w}"),
    "print": ("{w} Weekly", "The {d} Gazette {w}"),
    "online": ("{w} News Online", "{d} Diaspora Portal {w}"),
}

ORG_DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "community": (
        "Founded by {d} families in {c}, the association is a first stop for newcomers: a "
        "friendly face, practical tips and a community that meets every week.",
        "A volunteer-run {d} community group in {c} that organises gatherings, celebrations "
        "and mutual help, and helps people find their way to public services.",
        "A meeting place for the {d} community of {c}: language, culture, sport and support "
        "for families in their first years in the country.",
    ),
    "union": (
        "A trade union that organises workers in {sector}, including migrant and seasonal "
        "workers, and defends them in disputes with employers.",
        "Workers in {sector} run this union together: advice, representation and collective "
        "action for fair pay and safe work, whatever the worker's origin.",
    ),
    "media": (
        "An independent {medium} for the {d} community, with news from the home country and "
        "from {c}, interviews and practical information.",
        "Community {medium} made by volunteers from the {d} diaspora, covering daily life, "
        "rights, jobs and culture.",
    ),
    "ngo": (
        "A non-profit organisation in {c} that helps refugees and migrants with the problems "
        "of their first years: papers, housing, health and work.",
        "Volunteers and professionals in {c} offering free, confidential help to people who "
        "have recently arrived, whatever their status.",
        "A civil society organisation working with migrants in {c}, combining advice, "
        "accompaniment and advocacy for better public services.",
    ),
    "public": (
        "The district's welcome office for newcomers in {c}: registration, orientation and "
        "referral to public services.",
        "A public service of {c} that helps new residents understand their rights and find "
        "the right office.",
    ),
    "employer": (
        "A company in {c} that recruits newcomers and refugees and trains them on the job.",
        "An employer ({sector}) that partners with local organisations to hire and train "
        "migrants.",
    ),
}

# Service templates by category: (categories, name, what the service does).
SERVICES: dict[str, tuple[tuple[tuple[str, ...], str, str], ...]] = {
    "work_rights": (
        (("work_rights",), "Unpaid wages clinic",
         "Bring your payslips or messages from your employer and we help you claim the wages "
         "you are owed."),
        (("work_rights", "legal"), "Workplace rights advice",
         "Advice on contracts, working hours, dismissal and accidents at work, in confidence."),
        (("work_rights",), "Join the union",
         "Membership is open to every worker in the sector, including those on short "
         "contracts."),
        (("work_rights", "emergency"), "Labour exploitation hotline",
         "If your passport has been taken or you are forced to work, call us: we can help you "
         "get to safety."),
        (("work_rights", "language_education"), "Know your rights workshops",
         "Short workshops on pay, holidays and health and safety, with materials in several "
         "languages."),
    ),
    "legal": (
        (("legal",), "Asylum and residence advice",
         "A lawyer or trained adviser explains your options for asylum, residence permits and "
         "appeals."),
        (("legal",), "Family reunion help",
         "Help to prepare the application to bring your spouse or children to join you."),
        (("legal",), "Citizenship application support",
         "We check your documents and help you prepare for the citizenship interview."),
        (("legal",), "Anti-discrimination desk",
         "Report racism or discrimination at work, in housing or in shops; we write "
         "complaints with you."),
        (("legal", "emergency"), "Detention and deportation helpline",
         "If you or a relative has been detained, call us for urgent legal help."),
    ),
    "housing": (
        (("housing", "emergency"), "Emergency night shelter",
         "Beds for the night, a hot shower and breakfast."),
        (("housing",), "Tenant advice desk",
         "Help with leases, deposits, repairs and rent increases."),
        (("housing",), "Flat-hunting support",
         "We help you search for a flat, contact landlords and understand the contract."),
        (("housing", "legal"), "Eviction prevention",
         "If you have received an eviction notice, come quickly: we explain your options and "
         "speak to the landlord with you."),
        (("housing",), "Housing allowance forms",
         "We fill in housing benefit forms with you and follow up the application."),
    ),
    "work_training": (
        (("work_training",), "CV and job search workshop",
         "Write a CV, prepare for interviews and find job offers that match your skills."),
        (("work_training",), "Diploma recognition advice",
         "We explain how to get your diplomas and professional qualifications recognised."),
        (("work_training",), "Vocational training course",
         "Practical training in care, cooking, building or logistics, with a certificate at "
         "the end."),
        (("work_training",), "Start your own business",
         "Advice on business plans, registration, taxes and small loans."),
        (("work_training", "language_education"), "Paid traineeship for newcomers",
         "A paid traineeship with language support on the job and a mentor."),
    ),
    "language_education": (
        (("language_education",), "Language classes for adults",
         "Small classes for beginners and intermediate learners, with childcare during "
         "lessons."),
        (("language_education",), "Homework club",
         "Volunteers help children and teenagers with their homework after school."),
        (("language_education",), "Conversation café",
         "Practise speaking the local language over tea with volunteers and other newcomers."),
        (("language_education",), "School enrolment help",
         "We help parents enrol their children in school and talk with teachers."),
        (("language_education",), "Literacy course",
         "Learn to read and write from the very beginning, at your own pace."),
    ),
    "health": (
        (("health",), "Free medical consultations",
         "A doctor and a nurse see patients who have no health insurance."),
        (("health",), "Mental health support",
         "Talk to a psychologist about stress, trauma, sleep problems or grief."),
        (("health",), "Mother and baby care",
         "Check-ups during pregnancy and after birth, vaccinations and advice for parents."),
        (("health",), "Help with health insurance",
         "We explain how to register with a doctor and apply for health coverage."),
        (("health", "language_education"), "Health information sessions",
         "Group sessions on diabetes, nutrition, sexual health and how the health system "
         "works."),
    ),
    "community": (
        (("community",), "Welcome evenings for newcomers",
         "Meet people from your community, share a meal and get practical tips for your first "
         "months."),
        (("community",), "Cultural festival and celebrations",
         "Music, dance and food for religious and national holidays, open to everyone."),
        (("community",), "Women's group",
         "A weekly meeting for women: conversation, crafts, outings and support."),
        (("community",), "Youth club",
         "Sport, games and a homework space for young people aged 12 to 25."),
        (("community", "emergency"), "Mutual aid fund",
         "Small emergency grants and food parcels for members in difficulty."),
    ),
    "media": (
        (("media",), "Daily news bulletin",
         "News from home and from here, with public announcements and the weather."),
        (("media", "legal"), "Call-in advice programme",
         "Listeners ask questions live; lawyers and social workers answer."),
        (("media", "work_training"), "Job listings",
         "Job offers and training opportunities, updated every week."),
        (("media", "community"), "Community announcements",
         "Events, births, condolences and meetings of community associations."),
        (("media", "emergency"), "Emergency information service",
         "In a crisis we share official safety information translated into community "
         "languages."),
    ),
    "emergency": (
        (("emergency",), "Crisis helpline",
         "Talk to someone now if you are in danger, at risk of violence or have nowhere to "
         "go."),
        (("emergency",), "Food bank",
         "Food parcels and hygiene products, no questions asked."),
        (("emergency", "health"), "Support for survivors of violence",
         "Confidential help, a safe place to stay and someone to go with you to the police or "
         "a doctor."),
        (("emergency",), "Winter clothing point",
         "Warm coats, shoes and blankets for adults and children."),
        (("emergency", "legal"), "Anti-trafficking support",
         "Help for people forced to work or held against their will, including a safe place "
         "to stay."),
    ),
}

# Which categories each kind of organisation offers; the first is always offered.
KIND_CATEGORIES: dict[str, tuple[str, ...]] = {
    "community": ("community", "language_education", "housing", "health", "work_training",
                  "emergency", "legal"),
    "union": ("work_rights", "legal", "work_training", "language_education"),
    "media": ("media",),
    "ngo": ("legal", "housing", "health", "emergency", "language_education", "community",
            "work_training"),
    "public": ("health", "housing", "language_education", "legal", "emergency",
               "work_training"),
    "employer": ("work_training", "language_education"),
}

# Where a kind of organisation (or a medium) would offer only some services of a category,
# the names it may offer; categories not listed here are open to every template.
ALLOWED_TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "union": {
        "legal": ("Anti-discrimination desk", "Asylum and residence advice"),
        "work_training": ("Vocational training course", "Diploma recognition advice",
                          "CV and job search workshop"),
        "language_education": ("Language classes for adults", "Literacy course",
                               "Conversation café"),
    },
    "employer": {
        "work_training": ("CV and job search workshop", "Vocational training course",
                          "Paid traineeship for newcomers", "Diploma recognition advice"),
        "language_education": ("Language classes for adults", "Conversation café"),
    },
    "print": {"media": ("Job listings", "Community announcements",
                        "Emergency information service")},
    "online": {"media": ("Daily news bulletin", "Job listings", "Community announcements",
                         "Emergency information service")},
}

# Practical sentences, added according to the welcome flags of each service.
FLAG_SENTENCES = {
    "free_of_charge": "Free of charge.",
    "no_documents_needed": "No papers are needed.",
    "open_to_undocumented": "People without residence papers are welcome, in confidence.",
    "interpretation_available": "Interpreters are available on request.",
}
EXTRA_SENTENCES = (
    "Come without an appointment during opening hours.",
    "Please book an appointment by email first.",
    "Bring any letters or documents you have received.",
    "Run by volunteers from the community.",
    "Places are limited, so come early.",
)

# Probability of each welcome flag by kind of organisation.
FLAG_ODDS: dict[str, dict[str, float]] = {
    "community": {"free_of_charge": 0.8, "no_documents_needed": 0.6,
                  "open_to_undocumented": 0.4, "interpretation_available": 0.2},
    "union": {"free_of_charge": 0.4, "no_documents_needed": 0.3,
              "open_to_undocumented": 0.5, "interpretation_available": 0.3},
    "media": {"free_of_charge": 0.9, "no_documents_needed": 0.9,
              "open_to_undocumented": 0.2, "interpretation_available": 0.0},
    "ngo": {"free_of_charge": 0.85, "no_documents_needed": 0.5,
            "open_to_undocumented": 0.45, "interpretation_available": 0.4},
    "public": {"free_of_charge": 0.8, "no_documents_needed": 0.2,
               "open_to_undocumented": 0.1, "interpretation_available": 0.6},
    "employer": {"free_of_charge": 0.9, "no_documents_needed": 0.0,
                 "open_to_undocumented": 0.0, "interpretation_available": 0.1},
}

OFFICE_HOURS = (
    "Mo-Fr 09:00-17:00",
    "Mo-Th 10:00-16:00; Fr 10:00-13:00",
    "Tu,Th 14:00-19:00",
    "Mo-Fr 08:30-12:30,13:30-17:00",
    "Mo,We,Fr 09:30-15:30",
    "Mo-Fr 10:00-18:00; Sa 10:00-14:00",
    "We 16:00-20:00; Sa 10:00-16:00",
)
# Hours for particular services, where office hours would be unrealistic.
SPECIAL_HOURS = {
    "Emergency night shelter": "Mo-Su 19:00-09:00",
    "Crisis helpline": "Mo-Su 08:00-22:00",
    "Labour exploitation hotline": "Mo-Su 08:00-20:00",
    "Detention and deportation helpline": "Mo-Sa 08:00-20:00",
    "Daily news bulletin": "Mo-Fr 07:00-09:00,18:00-19:00",
    "Call-in advice programme": "We 19:00-21:00",
    "Youth club": "Tu-Fr 15:00-20:00; Sa 13:00-18:00",
    "Women's group": "Th 10:00-13:00",
    "Homework club": "Mo-Th 16:00-18:30",
    "Food bank": "Tu,Fr 10:00-14:00",
}

RADIO_FREQUENCIES = ("87.9 FM", "91.2 FM", "94.6 FM", "98.4 FM", "101.7 FM", "104.3 FM",
                     "106.1 FM")
