"""The records the home screen shows: category names and the emergency numbers.

Apart from ``records`` because opening the app needs only these: defining the detail
records (organisation, service, location …) is several milliseconds of start-up that the
first frame does not need. ``records`` re-exports both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LocalizedText:
    """A field in the reader's language, or the original when there is no translation.

    ``translated`` is False when the original is shown for want of a translation (the UI
    marks it "not translated"); text that needs no translation counts as translated.
    """

    text: str
    locale: str
    translated: bool = True

    def __str__(self) -> str:
        return self.text



@dataclass(frozen=True)
class EmergencyNumbers:
    country_code: str
    general: str
    police: str
    ambulance: str
    fire: str
    source: str
