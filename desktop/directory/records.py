"""What the directory gives back: plain, immutable values with no database attached."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from desktop.directory.home_records import EmergencyNumbers, Helpline, LocalizedText
from desktop.directory.hours import OpeningInterval, is_open, next_opening

__all__ = ["Address", "DirectoryInfo", "EmergencyNumbers", "Helpline", "LocalizedText",
           "Location",
           "MediaDetail", "Organization", "ResultRow", "Service"]


@dataclass(frozen=True)
class Address:
    address_1: str = ""
    address_2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""

    def lines(self) -> list[str]:
        town = " ".join(filter(None, (self.postal_code, self.city)))
        return [line for line in (self.address_1, self.address_2, town, self.region) if line]


@dataclass(frozen=True)
class Location:
    id: str
    name: str
    address: Address
    latitude: float | None
    longitude: float | None
    phones: tuple[str, ...] = ()
    coordinates_approximate: bool = False  # the town centre: no page gave the door's point
    time_zone: str = ""


@dataclass(frozen=True)
class Service:
    id: str
    name: LocalizedText
    description: LocalizedText
    categories: tuple[str, ...]
    languages: tuple[str, ...]
    hours: tuple[OpeningInterval, ...]
    free_of_charge: bool
    no_documents_needed: bool
    open_to_undocumented: bool
    interpretation_available: bool
    phones: tuple[str, ...] = ()
    email: str = ""
    url: str = ""
    location_ids: tuple[str, ...] = ()
    assured_date: date | None = None
    helpline: str = ""
    sources: tuple[str, ...] = ()  # pages of its own, when not the organisation's


@dataclass(frozen=True)
class MediaDetail:
    medium: str
    languages: tuple[str, ...]
    channel: str


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    alternate_name: str
    description: LocalizedText
    kind: str
    website: str
    email: str
    source: str
    assured_date: date | None
    is_demo: bool
    communities_served: tuple[str, ...]
    media: MediaDetail | None
    locations: tuple[Location, ...]
    services: tuple[Service, ...]
    phones: tuple[str, ...] = ()
    main_category: str = ""
    note: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        """The public pages the facts were read from (none for a demonstration entry)."""
        return tuple(page for page in self.source.split() if page.startswith("http"))

    @property
    def country(self) -> str:
        return next((loc.address.country for loc in self.locations if loc.address.country), "")

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({code for s in self.services for code in s.languages}))

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(sorted({code for s in self.services for code in s.categories}))

    @property
    def hours(self) -> tuple[OpeningInterval, ...]:
        return tuple(sorted({i for s in self.services for i in s.hours}))

    @property
    def all_phones(self) -> tuple[str, ...]:
        found = [*self.phones, *(p for loc in self.locations for p in loc.phones),
                 *(p for s in self.services for p in s.phones)]
        return tuple(dict.fromkeys(found))

    @property
    def phones_to_show(self) -> tuple[str, ...]:
        """Every number in its country's national format (international for numbers of
        another country), as people read and dial them there."""
        from desktop.directory.contacts import display_phone

        return tuple(display_phone(number, self.country) for number in self.all_phones)

    @property
    def primary_location(self) -> Location | None:
        located = [loc for loc in self.locations if loc.latitude is not None]
        return (located or list(self.locations) or [None])[0]

    @property
    def places_to_show(self) -> tuple[Location, ...]:
        """Every location with an address or a map point, the primary one first: a union's
        migrant desks in three cities are three places to go."""
        primary = self.primary_location
        ordered = ([primary] if primary is not None else []) + [
            loc for loc in self.locations if loc is not primary]
        return tuple(loc for loc in ordered
                     if loc.address.lines() or loc.latitude is not None)

    def is_open(self, moment: datetime) -> bool:
        return is_open(self.hours, moment)

    def next_opening(self, moment: datetime) -> datetime | None:
        return next_opening(self.hours, moment)

    def is_stale(self, today: date, max_age_days: int = 365) -> bool:
        return self.assured_date is None or (today - self.assured_date).days > max_age_days


@dataclass(frozen=True)
class ResultRow:
    """One organisation in a result list: only what a row shows, fetched in one query."""

    rowid: int
    organization_id: str
    name: str
    kind: str
    city: str
    country: str
    languages: tuple[str, ...]
    categories: tuple[str, ...]
    is_demo: bool
    latitude: float | None
    longitude: float | None
    has_hours: bool
    open_now: bool
    distance_km: float | None = None
    cursor: tuple = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class DirectoryInfo:
    """"About the data": what this directory file is and how fresh it is."""

    path: str
    version: str
    build_date: str
    sources: str
    licence: str
    organizations: int
    services: int
    demo_organizations: int
    oldest_assured_date: date | None
    stale_organizations: int
    source_labels: tuple[str, ...] = ()
