"""Where places are: town centres and country extents from the GeoNames gazetteer.

``db/sources/places.csv`` (written by ``db/tools/make_places.py`` from GeoNames, CC BY 4.0)
gives the centre and time zone of every town the sources name, and the extent of every
country. The build uses it to place an entry whose own page gives no coordinates at its
town centre, marked approximate, and to refuse coordinates outside the entry's country.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from desktop.directory.textfold import fold
from desktop.errors import UserError

PLACES_HEADER = ["kind", "country", "name", "latitude", "longitude", "south", "west",
                 "north", "east", "time_zone", "geonames_id"]


@dataclass(frozen=True)
class Town:
    latitude: float
    longitude: float
    time_zone: str


@dataclass(frozen=True)
class CountryExtent:
    south: float
    west: float
    north: float
    east: float
    time_zone: str

    def holds(self, latitude: float, longitude: float) -> bool:
        return (self.south <= latitude <= self.north
                and self.west <= longitude <= self.east)


@dataclass
class Gazetteer:
    towns: dict[tuple[str, str], Town]
    countries: dict[str, CountryExtent]

    def town(self, country: str, name: str) -> Town | None:
        return self.towns.get((country, fold(name)))


def town_key(name: str) -> str:
    return fold(name)


def read_gazetteer(path: Path) -> Gazetteer:
    towns: dict[tuple[str, str], Town] = {}
    countries: dict[str, CountryExtent] = {}
    if not path.exists():
        return Gazetteer(towns, countries)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != PLACES_HEADER:
                raise UserError(f"the header must be {','.join(PLACES_HEADER)}", path=path)
            for row in reader:
                try:
                    if row["kind"] == "town":
                        towns[(row["country"], fold(row["name"]))] = Town(
                            float(row["latitude"]), float(row["longitude"]), row["time_zone"])
                    elif row["kind"] == "country":
                        countries[row["country"]] = CountryExtent(
                            float(row["south"]), float(row["west"]), float(row["north"]),
                            float(row["east"]), row["time_zone"])
                    else:
                        raise ValueError(f"unknown kind '{row['kind']}'")
                except (ValueError, TypeError, AttributeError) as error:
                    raise UserError(f"line {reader.line_num}: {error}", path=path) from None
    except UnicodeDecodeError:
        raise UserError("is not UTF-8 text", path=path) from None
    except csv.Error as error:
        raise UserError(f"is not valid CSV: {error}", path=path) from None
    return Gazetteer(towns, countries)
