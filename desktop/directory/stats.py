"""``db stats``: how well a directory covers the people it serves.

Per country and kind of organisation: how many entries, how many can be contacted
directly (phone or e-mail), how many have a street address and a point on the map, how
many are cited, and how much of their text is translated into each UI language.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from desktop.directory.database import Directory
from desktop.directory.schema import DEMO_SOURCE, ORGANIZATION_KINDS, SYNTHETIC_SOURCE

UI_LOCALES = ("ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "ti", "so")

_PER_ORGANIZATION = """
SELECT o.id, o.kind, coalesce(a.country, ''), coalesce(a.city, ''),
  o.source NOT IN (?1, ?2) AS is_real,
  o.source LIKE 'http%' AND o.assured_date IS NOT NULL AS cited,
  (o.email IS NOT NULL AND o.email != '')
    OR EXISTS (SELECT 1 FROM phone p WHERE p.organization_id = o.id
               OR p.location_id IN (SELECT id FROM location WHERE organization_id = o.id)
               OR p.service_id IN (SELECT id FROM service WHERE organization_id = o.id))
    OR EXISTS (SELECT 1 FROM service s WHERE s.organization_id = o.id
               AND s.email IS NOT NULL AND s.email != '') AS contact,
  EXISTS (SELECT 1 FROM location l JOIN address ad ON ad.location_id = l.id
          WHERE l.organization_id = o.id AND coalesce(ad.address_1, '') != ''
          AND l.latitude IS NOT NULL) AS street,
  EXISTS (SELECT 1 FROM location l JOIN address ad ON ad.location_id = l.id
          WHERE l.organization_id = o.id AND coalesce(ad.address_1, '') != ''
          AND l.latitude IS NOT NULL AND l.coordinates_approximate = 0) AS street_exact,
  EXISTS (SELECT 1 FROM location l WHERE l.organization_id = o.id
          AND l.latitude IS NOT NULL) AS located
FROM organization o
LEFT JOIN location l1 ON l1.id = (SELECT id FROM location WHERE organization_id = o.id
                                  ORDER BY id LIMIT 1)
LEFT JOIN address a ON a.location_id = l1.id
"""


def _translatable(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    rows = [("organization", i, "description") for (i,) in conn.execute(
        "SELECT id FROM organization WHERE description != '' AND source NOT IN (?, ?)",
        (DEMO_SOURCE, SYNTHETIC_SOURCE))]
    for service_id, has_description in conn.execute(
            "SELECT s.id, s.description != '' FROM service s JOIN organization o "
            "ON o.id = s.organization_id WHERE o.source NOT IN (?, ?)",
            (DEMO_SOURCE, SYNTHETIC_SOURCE)):
        rows.append(("service", service_id, "name"))
        if has_description:
            rows.append(("service", service_id, "description"))
    return rows


def _current_hashes(conn: sqlite3.Connection) -> dict[tuple[str, str, str], str]:
    from desktop.directory.texthash import source_hash

    hashes = {}
    for record_id, text in conn.execute("SELECT id, description FROM organization"):
        hashes[("organization", record_id, "description")] = source_hash(text or "")
    for record_id, name, text in conn.execute("SELECT id, name, description FROM service"):
        hashes[("service", record_id, "name")] = source_hash(name or "")
        hashes[("service", record_id, "description")] = source_hash(text or "")
    return hashes


def coverage(path: Path) -> dict[str, Any]:
    with Directory(path) as directory:
        conn = directory.conn
        rows = conn.execute(_PER_ORGANIZATION, (DEMO_SOURCE, SYNTHETIC_SOURCE)).fetchall()
        fields = _translatable(conn)
        current = _current_hashes(conn)
        translated: dict[str, int] = {}
        reviewed: dict[str, int] = {}
        for locale in UI_LOCALES:
            # A translation of an older English text does not count: the app shows the
            # English with "not translated" instead.
            done = {(t, r, f): draft for t, r, f, draft, hashed in conn.execute(
                "SELECT table_name, record_id, field_name, draft, source_hash FROM "
                "translations WHERE locale = ?", (locale,)) if current.get((t, r, f)) == hashed}
            translated[locale] = sum(1 for key in fields if key in done)
            reviewed[locale] = sum(1 for key in fields if done.get(key) == 0)
        helplines = dict(conn.execute(
            "SELECT a.country, count(DISTINCT s.id) FROM service s "
            "JOIN service_at_location sl ON sl.service_id = s.id "
            "JOIN address a ON a.location_id = sl.location_id "
            "WHERE s.helpline IS NOT NULL GROUP BY a.country"))
    real = [r for r in rows if r[4]]
    countries: dict[str, dict[str, Any]] = {}
    for _id, kind, country, _city, _real, _cited, contact, street, _exact, _loc in real:
        entry = countries.setdefault(country or "?", {
            "organizations": 0, "kinds": dict.fromkeys(ORGANIZATION_KINDS, 0),
            "contact": 0, "street_address": 0, "helplines": helplines.get(country, 0)})
        entry["organizations"] += 1
        entry["kinds"][kind] += 1
        entry["contact"] += contact
        entry["street_address"] += street

    def share(count: int, total: int) -> float:
        return round(100 * count / total, 1) if total else 0.0

    total = len(real)
    return {
        "directory": str(path),
        "organizations": len(rows),
        "real_organizations": total,
        "demonstration_organizations": sum(1 for r in rows if not r[4]),
        "countries": len([c for c in countries if c != "?"]),
        "percent_with_contact": share(sum(r[6] for r in real), total),
        "percent_with_street_address_and_coordinates": share(sum(r[7] for r in real), total),
        "percent_with_exact_coordinates_at_street_address": share(sum(r[8] for r in real),
                                                                 total),
        "percent_with_coordinates": share(sum(r[9] for r in real), total),
        "percent_with_city": share(sum(1 for r in real if r[3]), total),
        "percent_cited": share(sum(r[5] for r in real), total),
        "translatable_fields": len(fields),
        "percent_translated": {loc: share(n, len(fields)) for loc, n in translated.items()},
        "percent_reviewed": {loc: share(n, len(fields)) for loc, n in reviewed.items()},
        "by_country": dict(sorted(countries.items())),
    }


def coverage_tables(report: dict[str, Any]) -> str:
    kinds = ORGANIZATION_KINDS
    lines = [f"Directory: {report['directory']}",
             f"Real organisations: {report['real_organizations']} in {report['countries']} "
             f"countries (demonstration entries: {report['demonstration_organizations']})",
             f"With a phone or e-mail: {report['percent_with_contact']} %",
             f"With a street address and coordinates: "
             f"{report['percent_with_street_address_and_coordinates']} % "
             f"(exact: {report['percent_with_exact_coordinates_at_street_address']} %, "
             "the rest at the town centre, shown as approximate)",
             f"With coordinates: {report['percent_with_coordinates']} %",
             f"With a city: {report['percent_with_city']} %",
             f"Cited (source page and date): {report['percent_cited']} %",
             "",
             "country  orgs  " + "  ".join(f"{k[:9]:>9}" for k in kinds)
             + "  contact%  street%  helplines"]
    for country, entry in report["by_country"].items():
        n = entry["organizations"]
        lines.append(
            f"{country:<7}{n:>6}  " + "  ".join(f"{entry['kinds'][k]:>9}" for k in kinds)
            + f"  {100 * entry['contact'] / n:>8.0f}  {100 * entry['street_address'] / n:>7.0f}"
            + f"  {entry['helplines']:>9}")
    lines += ["", f"Translated ({report['translatable_fields']} fields: descriptions, "
                  "service names and descriptions)",
              "locale  translated%  reviewed%"]
    for locale, value in report["percent_translated"].items():
        lines.append(f"{locale:<8}{value:>11}  {report['percent_reviewed'][locale]:>9}")
    return "\n".join(lines)
