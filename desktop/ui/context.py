"""What every screen needs, handed down from the main window instead of globals."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.directory.database import Directory
from desktop.userdata import UserData


@dataclass
class AppContext:
    directory: Directory
    user_data: UserData  # in kiosk mode an in-memory store: nothing reaches the disk
    kiosk: bool = False
    # Where the user is, for "nearest first" and distances (kiosk: the centre's location).
    location: tuple[float, float] | None = None
    # Country whose emergency numbers are shown and whose language the "show this card"
    # view uses next to the user's.
    country: str = "BE"
    city: str = ""  # the person's town, when known: entries there come first
    host_locale: str = "fr"
    printer_enabled: bool = True

    def move_to(self, country: str, city: str = "") -> None:
        """The person is in ``country`` (and ``city``): its emergency numbers, its
        language beside theirs on the card, and its entries first."""
        self.country, self.city = country, city
        self.host_locale = host_language(country)


def host_language(country: str) -> str:
    """The country's official language that the app can show (a catalog of ours), for the
    card a person shows an official; English when none of them is translated."""
    from babel.languages import get_official_languages

    from desktop.i18n import available_languages

    shipped = {language.code for language in available_languages()}
    # The country's own variant first: Brazilian Portuguese in Brazil, "pt" elsewhere.
    candidates = (variant for code in get_official_languages(country, de_facto=True)
                  for variant in (f"{code}_{country.upper()}", code))
    return next((code for code in candidates if code in shipped), "en")
