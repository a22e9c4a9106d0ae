"""Words the UI shows for directory codes: organisation kinds, facet titles, sort orders.

Category names come from the directory itself (``Directory.category_names(locale)``,
translated through its ``translations`` table); language and country names come from
CLDR (``language_name``/``country_name``). Only what the directory stores as a bare code
with no text of its own is named here, once, so every screen says the same thing.
"""

from __future__ import annotations

from desktop.i18n import N_, _

KIND_LABELS: dict[str, str] = {
    "community": N_("Community or diaspora group"),
    "union": N_("Trade union"),
    "media": N_("Media in your language"),
    "ngo": N_("NGO or civil society"),
    "public": N_("Public service"),
    "employer": N_("Employer or business"),
}

FACET_TITLES: dict[str, str] = {
    "kind": N_("Type of organisation"),
    "category": N_("Category"),
    "language": N_("Language spoken"),
    "country": N_("Country"),
    "city": N_("City"),
    "open_now": N_("Open now"),
    "free_of_charge": N_("Free of charge"),
    "open_to_undocumented": N_("Welcomes undocumented people"),
}

SORT_LABELS: dict[str, str] = {
    "relevance": N_("Best match"),
    "name": N_("Name (A to Z)"),
    "distance": N_("Nearest first"),
}


def kind_label(kind: str) -> str:
    """The translated name of an organisation kind; an unknown code is shown as it is."""
    message = KIND_LABELS.get(kind)
    return _(message) if message else kind


def facet_title(facet: str) -> str:
    message = FACET_TITLES.get(facet)
    return _(message) if message else facet


def sort_label(sort: str) -> str:
    message = SORT_LABELS.get(sort)
    return _(message) if message else sort
