"""The spreadsheet template (``db/templates/directory-template.csv``): one row per service,
plain column names, for maintainers who keep their directory in a spreadsheet.

Rows become HSDS records with stable ids: UUIDv5 of the organisation name (organisation),
of organisation + service name (service), and of organisation + address (location), so
importing an edited sheet again updates the same records instead of adding new ones.
Errors name the row and column as the spreadsheet shows them.
"""

from __future__ import annotations

import tomllib
import unicodedata
import uuid
from datetime import date
from functools import cache
from typing import Any

from babel import Locale

from desktop import paths
from desktop.directory.hours import EXAMPLE as HOURS_EXAMPLE
from desktop.directory.hours import parse_hours, to_schedule_rows
from desktop.directory.hsds.package_reader import CsvTable
from desktop.directory.hsds.staging import Staging, Where
from desktop.directory.schema import CATEGORY_CODES, MEDIA_KINDS, ORGANIZATION_KINDS
from desktop.directory.vocabulary import store_keywords
from desktop.errors import UserError
from desktop.i18n import _

TEMPLATE_NAMESPACE = uuid.UUID("0c7f3e8a-2b61-4d9e-8f55-7a1c3e9d2b40")

ORGANISATION_COLUMNS = ("Organisation name", "Kind", "Organisation description",
                        "Organisation website", "Organisation email", "Communities served",
                        "Medium", "Languages broadcast", "Channel or frequency")
COLUMNS = (*ORGANISATION_COLUMNS,
           "Service name", "Service description", "Categories", "Languages spoken",
           "Address", "Postal code", "City", "Region", "Country", "Latitude", "Longitude",
           "Phone", "Email", "Website", "Opening hours", "Free of charge",
           "No documents needed", "Open to undocumented people", "Interpretation available",
           "Fees", "Who can use it", "Last verified", "Source")
REQUIRED = ("Organisation name", "Kind", "Service name", "Categories", "Country")
# Plain words a maintainer may write for an organisation kind.
KIND_WORDS = {
    "community": "community", "community group": "community", "diaspora": "community",
    "diaspora group": "community", "association": "community",
    "union": "union", "trade union": "union",
    "media": "media", "native-language media": "media",
    "ngo": "ngo", "civil society": "ngo", "charity": "ngo",
    "public": "public", "public body": "public", "government": "public",
    "employer": "employer", "business": "employer", "company": "employer",
}
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


def is_template(header: list[str]) -> bool:
    return "Organisation name" in header and "Service name" in header


def template_id(kind: str, *names: str) -> str:
    """Ids documented in db/templates/README.md: UUIDv5 over the normalised names."""
    key = "\n".join(" ".join(unicodedata.normalize("NFC", n).casefold().split())
                    for n in names)
    return str(uuid.uuid5(TEMPLATE_NAMESPACE, f"{kind}:{key}"))


@cache
def _english_names(kind: str) -> dict[str, str]:
    source = Locale("en").languages if kind == "language" else Locale("en").territories
    return {name.casefold(): code for code, name in source.items()}


class _Row:
    def __init__(self, file: str, number: int, cells: dict[str, str]) -> None:
        self.file, self.number, self.cells = file, number, cells

    def fail(self, column: str, problem: str) -> UserError:
        # Translators: {row} is a row number of the spreadsheet, e.g. 14; {column} is the
        # column's heading as written in the template, in English and untranslated, e.g. Kind;
        # {problem} is one of the separately translated problems, e.g. "is empty; it is
        # required". The file's path is shown before the message.
        return UserError(_("row {row}, column '{column}': {problem}").format(
            row=self.number, column=column, problem=problem), path=self.file)

    def text(self, column: str) -> str:
        return " ".join(self.cells.get(column, "").split())

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            raise self.fail(column, _("is empty; it is required"))
        return value

    def items(self, column: str) -> list[str]:
        return [item.strip() for item in self.cells.get(column, "").replace(";", ",").split(",")
                if item.strip()]

    def yes_no(self, column: str) -> int:
        value = self.text(column).casefold()
        if value in YES:
            return 1
        if value in NO:
            return 0
        # Translators: {value} is what the cell holds, e.g. maybe. 'yes' and 'no' are the
        # English words to write in the cell: do not translate them. Follows "<file>: row 14,
        # column 'Free of charge':" in an import error.
        raise self.fail(column, _("'{value}' is not understood; write 'yes' or 'no'").format(
            value=self.text(column)))

    def codes(self, column: str, kind: str) -> list[str]:
        codes = []
        for item in self.items(column):
            is_code = item.isascii() and item.isalpha() and (
                (kind == "language" and 2 <= len(item) <= 3 and item.islower())
                or (kind == "country" and len(item) == 2 and item.isupper()))
            if is_code:
                codes.append(item)
            elif item.casefold() in _english_names(kind):
                codes.append(_english_names(kind)[item.casefold()])
            else:
                example = "'ar, fr' or 'Arabic, French'" if kind == "language" else \
                    "'ER, SO' or 'Eritrea, Somalia'"
                # Translators: {value} is one item of the cell, e.g. Arab; {example} is fixed
                # English text, quotes included: 'ar, fr' or 'Arabic, French' for languages,
                # 'ER, SO' or 'Eritrea, Somalia' for countries (the names must be written in
                # English). Follows "<file>: row 14, column 'Languages spoken':" in an import
                # error.
                raise self.fail(column, _("'{value}' is not understood; write e.g. "
                                          "{example}").format(value=item, example=example))
        return codes

    def coordinate(self, column: str, limit: float) -> float | None:
        value = self.text(column)
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            hint = _(" (use a point, not a comma, for decimals)") if "," in value else ""
            # Translators: {value} is what the cell holds, e.g. 50,8466; {hint} is empty or the
            # separately translated " (use a point, not a comma, for decimals)", leading space
            # included. Keep '50.8466' with its point. Follows "<file>: row 14, column
            # 'Latitude':" in an import error.
            raise self.fail(column, _("'{value}' is not a number{hint}; write e.g. "
                                      "'50.8466'").format(value=value, hint=hint)) from None
        if not -limit <= number <= limit:
            # Translators: {value} is the number written in the cell, e.g. 95.2; {limit} is 90
            # for the Latitude column and 180 for Longitude, so the range reads -90..90.
            # Follows "<file>: row 14, column 'Latitude':" in an import error.
            raise self.fail(column, _("{value} is outside -{limit}..{limit}").format(
                value=value, limit=int(limit)))
        return number


def _categories(staging: Staging) -> dict[str, str]:
    """Category code or English name -> taxonomy term id; adds them to a new directory."""
    conn = staging.conn
    terms = conn.execute("SELECT id, code, name FROM taxonomy_term").fetchall()
    if not any(code in CATEGORY_CODES for _id, code, _name in terms):
        terms = _add_categories(staging)
    lookup: dict[str, str] = {}
    for term_id, code, name in terms:
        if code in CATEGORY_CODES:
            lookup[code.casefold()] = term_id
            lookup[name.casefold()] = term_id
    return lookup


def _add_categories(staging: Staging) -> list[tuple[str, str, str]]:
    """A new directory gets the project's nine categories, as ``db build`` makes them."""
    from desktop.directory.sources import CATEGORY_TAXONOMY_ID, CATEGORY_TAXONOMY_URI

    path = paths.sources_dir() / "categories.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        # Translators: {error} is the reason, in English, from the operating system or the TOML
        # reader, e.g. "[Errno 2] No such file or directory". --into is a command-line option:
        # keep it as it is. The path of the categories file (categories.toml) is shown before
        # the message.
        raise UserError(_("the categories cannot be read ({error}); import the template "
                          "--into an existing directory instead").format(error=error),
                        path=path) from None
    where = Where(str(path), "")
    staging.add("taxonomy", where, {
        "id": CATEGORY_TAXONOMY_ID, "name": "Migrant Community Directory categories",
        "description": "The home-screen categories of the directory.",
        "uri": CATEGORY_TAXONOMY_URI, "version": "1"})
    terms = []
    for item in data.get("category", []):
        staging.add("taxonomy_term", where, {
            "id": item["id"], "code": item["code"], "name": item["name"],
            "description": item.get("description", ""), "taxonomy": "migrant-directory",
            "taxonomy_id": CATEGORY_TAXONOMY_ID, "language": "en",
            "term_uri": f"{CATEGORY_TAXONOMY_URI}/{item['code']}"})
        terms.append((item["id"], item["code"], item["name"]))
    store_keywords(staging.conn, {item["code"]: item.get("keywords", [])
                                  for item in data.get("category", [])})
    return terms


def import_template(table: CsvTable, staging: Staging) -> None:
    file = str(table.path)
    for column in REQUIRED:
        if column not in table.header:
            # Translators: {column} is the English heading of a required template column,
            # untranslated, e.g. Service name. Row 1 is the header row. Keep
            # db/templates/directory-template.csv as it is. The spreadsheet's path is shown
            # before the message.
            raise UserError(_("row 1: column '{column}' is missing; start from "
                              "db/templates/directory-template.csv").format(column=column),
                            path=file)
    categories = _categories(staging)
    organisations: dict[str, tuple[int, dict[str, str]]] = {}
    services: dict[str, int] = {}
    locations: set[str] = set()
    for number, cells in table.records():
        row = _Row(file, number, cells)
        org_name = row.required("Organisation name")
        org_id = template_id("organization", org_name)
        org_cells = {c: row.text(c) for c in ORGANISATION_COLUMNS if c in cells}
        if org_id in organisations:
            first_number, first_cells = organisations[org_id]
            for column, value in org_cells.items():
                if value and first_cells.get(column) and value != first_cells[column]:
                    # Translators: {value} is what this row holds in an organisation column,
                    # e.g. ngo; {first} is the number of the earlier row for the same
                    # organisation, e.g. 3, and {other} what that row holds in the column, e.g.
                    # charity. Follows "<file>: row 14, column 'Kind':" in an import error.
                    raise row.fail(column, _("'{value}' differs from row {first} ('{other}') "
                                             "for the same organisation; organisation "
                                             "columns must agree").format(
                        value=value, first=first_number, other=first_cells[column]))
        else:
            organisations[org_id] = (number, org_cells)
            _add_organisation(row, org_id, staging)
        service_name = row.required("Service name")
        service_id = template_id("service", org_name, service_name)
        if service_id in services:
            # Translators: {name} is a service's name and {org} the name of its organisation,
            # as written in the spreadsheet, e.g. 'Legal advice' of 'Migrant Aid'; {first} is
            # the number of the earlier row with the same service, e.g. 3. Follows "<file>: row
            # 14, column 'Service name':" in an import error.
            raise row.fail("Service name", _("'{name}' of '{org}' is already on row {first}")
                           .format(name=service_name, org=org_name,
                                   first=services[service_id]))
        services[service_id] = number
        _add_service(row, org_id, service_id, categories, staging, locations, set(table.header))


def _record_fields(row: _Row) -> dict[str, Any]:
    verified = row.text("Last verified")
    if verified:
        try:
            verified = date.fromisoformat(verified).isoformat()
        except ValueError:
            # Translators: {value} is what the cell holds, e.g. 31/01/2024. Keep '2024-01-31'
            # as it is: it shows the required format (year-month-day). Follows "<file>: row 14,
            # column 'Last verified':" in an import error.
            raise row.fail("Last verified", _("'{value}' is not a date; write e.g. "
                                              "'2024-01-31'").format(value=verified)) from None
    return {"assured_date": verified or None, "source": row.text("Source") or None}


def _add_organisation(row: _Row, org_id: str, staging: Staging) -> None:
    # Translators: {n} is a row number in a CSV file, counted as a spreadsheet
    # counts them (the header is row 1), e.g. 14. The result is put into other
    # messages, e.g. before ", field 'name': is required", or after a file's
    # path in "also at <file> row 14".
    where = Where(row.file, _("row {n}").format(n=row.number))
    kind_text = row.required("Kind")
    kind = KIND_WORDS.get(kind_text.casefold())
    if kind is None:
        # Translators: {value} is what the cell holds, e.g. charity club; {kinds}
        # is the list of accepted words, comma-separated, in English and to keep
        # untranslated: community, union, media, ngo, public, employer (Kind
        # column) or radio, tv, print, online (Medium column). Follows "<file>: row
        # 14, column 'Kind':" in an import error.
        raise row.fail("Kind", _("'{value}' is not understood; write one of: {kinds}").format(
            value=kind_text, kinds=", ".join(ORGANIZATION_KINDS)))
    staging.add("organization", where, {
        "id": org_id, "name": row.required("Organisation name"), "kind": kind,
        "description": row.text("Organisation description"),
        "website": row.text("Organisation website"),
        "email": row.text("Organisation email"), **_record_fields(row)})
    for code in row.codes("Communities served", "country"):
        staging.communities[org_id].add(code)
    medium = row.text("Medium").casefold()
    if medium:
        if medium not in MEDIA_KINDS:
            # Translators: {value} is what the cell holds, e.g. charity club; {kinds}
            # is the list of accepted words, comma-separated, in English and to keep
            # untranslated: community, union, media, ngo, public, employer (Kind
            # column) or radio, tv, print, online (Medium column). Follows "<file>: row
            # 14, column 'Kind':" in an import error.
            raise row.fail("Medium", _("'{value}' is not understood; write one of: {kinds}")
                           .format(value=row.text("Medium"), kinds=", ".join(MEDIA_KINDS)))
        staging.media[org_id] = {
            "medium": medium,
            "languages_broadcast": " ".join(row.codes("Languages broadcast", "language")),
            "channel": row.text("Channel or frequency") or None}
    elif kind == "media":
        # Translators: {kinds} is the list of media to write in the Medium column,
        # comma-separated codes to keep untranslated: radio, tv, print, online. Follows
        # "<file>: row 14, column 'Medium':" in an import error.
        raise row.fail("Medium", _("a media organisation needs a medium: {kinds}").format(
            kinds=", ".join(MEDIA_KINDS)))


def _add_service(row: _Row, org_id: str, service_id: str, categories: dict[str, str],
                 staging: Staging, locations: set[str], header: set[str]) -> None:
    # Translators: {n} is a row number in a CSV file, counted as a spreadsheet
    # counts them (the header is row 1), e.g. 14. The result is put into other
    # messages, e.g. before ", field 'name': is required", or after a file's
    # path in "also at <file> row 14".
    where = Where(row.file, _("row {n}").format(n=row.number))
    extra = {column: row.cells[column] for column in sorted(header - set(COLUMNS))
             if row.cells.get(column, "").strip()}
    staging.add("service", where, {
        "id": service_id, "organization_id": org_id, "name": row.required("Service name"),
        "description": row.text("Service description"), "url": row.text("Website"),
        "email": row.text("Email"), "fees_description": row.text("Fees"),
        "eligibility_description": row.text("Who can use it"),
        "free_of_charge": row.yes_no("Free of charge"),
        "no_documents_needed": row.yes_no("No documents needed"),
        "open_to_undocumented": row.yes_no("Open to undocumented people"),
        "interpretation_available": row.yes_no("Interpretation available"),
        **_record_fields(row), **extra})
    for item in row.items("Categories"):
        term = categories.get(item.casefold())
        if term is None:
            # Translators: {value} is one item of the Categories cell, e.g. food; {codes} is
            # the list of category codes to use, untranslated: community, work_rights, media,
            # legal, housing, work_training, language_education, health, emergency. Follows
            # "<file>: row 14, column 'Categories':" in an import error.
            raise row.fail("Categories", _("'{value}' is not a category; use: {codes}").format(
                value=item, codes=", ".join(CATEGORY_CODES)))
        staging.add("attribute", where, {
            "id": template_id("attribute", service_id, term), "link_id": service_id,
            "taxonomy_term_id": term, "link_type": "category", "link_entity": "service",
            "value": next(code for code in CATEGORY_CODES if categories.get(code) == term)})
    for code in dict.fromkeys(row.codes("Languages spoken", "language")):
        staging.add("language", where, {"id": template_id("language", service_id, code),
                                        "service_id": service_id, "code": code})
    location_id = _add_location(row, org_id, staging, locations)
    staging.add("service_at_location", where, {
        "id": template_id("service_at_location", service_id, location_id),
        "service_id": service_id, "location_id": location_id})
    for number in row.items("Phone"):
        if not any(ch.isdigit() for ch in number):
            # Translators: {value} is one item of the Phone cell, with no digit in it, e.g. ask
            # at the desk. Follows "<file>: row 14, column 'Phone':" in an import error.
            raise row.fail("Phone", _("'{value}' is not a phone number").format(value=number))
        staging.add("phone", where, {"id": template_id("phone", service_id, number),
                                     "service_id": service_id, "number": number})
    hours = row.text("Opening hours")
    if hours:
        try:
            intervals = parse_hours(hours)
        except ValueError:
            # Translators: {value} is what the Opening hours cell holds, e.g. weekdays 9-5;
            # {example} is an example in the required format, untranslated (English day
            # abbreviations): Mo-Fr 09:00-17:00. Follows "<file>: row 14, column 'Opening
            # hours':" in an import error.
            raise row.fail("Opening hours", _("'{value}' is not understood; write e.g. "
                                              "'{example}'").format(
                value=hours, example=HOURS_EXAMPLE)) from None
        for index, schedule in enumerate(to_schedule_rows(intervals)):
            staging.add("schedule", where, {
                "id": template_id("schedule", service_id, str(index)),
                "service_id": service_id, **schedule})


def _add_location(row: _Row, org_id: str, staging: Staging, locations: set[str]) -> str:
    # Translators: {n} is a row number in a CSV file, counted as a spreadsheet
    # counts them (the header is row 1), e.g. 14. The result is put into other
    # messages, e.g. before ", field 'name': is required", or after a file's
    # path in "also at <file> row 14".
    where = Where(row.file, _("row {n}").format(n=row.number))
    countries = row.codes("Country", "country")
    if len(countries) != 1:
        raise row.fail("Country", _("give one country, e.g. 'BE' or 'Belgium'"))
    parts = [row.text(c) for c in ("Address", "Postal code", "City")] + countries
    latitude = row.coordinate("Latitude", 90)
    longitude = row.coordinate("Longitude", 180)
    if (latitude is None) != (longitude is None):
        raise row.fail("Longitude" if longitude is None else "Latitude",
                       _("give both latitude and longitude, or neither"))
    location_id = template_id("location", org_id, *parts)
    if location_id in locations:
        return location_id
    locations.add(location_id)
    staging.add("location", where, {
        "id": location_id, "organization_id": org_id, "name": row.text("City") or None,
        "latitude": latitude, "longitude": longitude, **_record_fields(row)})
    staging.add("address", where, {
        "id": template_id("address", location_id), "location_id": location_id,
        "address_1": row.text("Address"), "city": row.text("City"),
        "region": row.text("Region"), "postal_code": row.text("Postal code"),
        "country": countries[0]})
    return location_id
