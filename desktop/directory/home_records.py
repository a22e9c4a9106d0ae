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
    draft: bool = False  # a translation no fluent speaker has reviewed yet

    def __str__(self) -> str:
        return self.text



@dataclass(frozen=True)
class EmergencyNumbers:
    country_code: str
    general: str
    police: str
    ambulance: str
    fire: str
    source: str            # the page(s) the numbers were read from, space-separated
    assured_date: str = ""  # when, ISO date
    note: str = ""


@dataclass(frozen=True)
class Helpline:
    """A national helpline (anti-trafficking, violence against women, children, migrant
    workers), a service of the body that runs it."""

    topic: str
    number: str
    service_name: LocalizedText
    organization_id: str
    organization_name: str
