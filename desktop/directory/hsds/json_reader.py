"""HSDS 3.0 JSON: a single organization, service or service_at_location object with its
nested objects, or a paginated list response (``contents``), as the HSDS API returns them.

Nested objects are flattened into table rows; a child's reference to its parent is
implied by the nesting and filled in when the object does not state it.
"""

from __future__ import annotations

from typing import Any

from desktop.directory.hsds.mapping import (
    EXTENSION_KEY,
    EXTENSION_TABLES,
    NESTED,
    NESTED_PARENTS,
)
from desktop.directory.hsds.staging import Staging, Where, add_allowing_repeats
from desktop.errors import UserError
from desktop.i18n import _

_SERVICE_KEYS = {"status", "organization_id", "organization", "service_at_locations",
                 "program_id", "program"}


def top_level_entity(item: dict[str, Any]) -> str:
    if "service" in item and "location" in item:
        return "service_at_location"
    if _SERVICE_KEYS & item.keys():
        return "service"
    return "organization"


def import_json(data: Any, file: str, staging: Staging) -> None:
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        items, base = data["contents"], "/contents"
    elif isinstance(data, list):
        items, base = data, ""
    elif isinstance(data, dict):
        items, base = [data], None
    else:
        raise UserError(_("is not HSDS JSON: expected an object or a list of objects."),
                        path=file)
    for index, item in enumerate(items):
        pointer = f"{base}/{index}" if base is not None else ""
        if not isinstance(item, dict):
            # Translators: {row} is a position in the JSON file written as a JSON pointer, e.g.
            # /contents/3 (or / for the whole file); {kind} is Python's English name for what
            # was found instead, untranslated: str, int, float, bool, list or NoneType. An
            # "HSDS object" is a record in braces, such as an organization. The JSON file's
            # path is shown before the message.
            raise UserError(_("{row}: expected an HSDS object, found {kind}.").format(
                row=pointer or "/", kind=type(item).__name__), path=file)
        _walk(top_level_entity(item), item, pointer, file, staging)
    extension = data.get(EXTENSION_KEY) if isinstance(data, dict) else None
    if isinstance(extension, dict):
        for spec in EXTENSION_TABLES:
            for index, row in enumerate(extension.get(spec.table) or []):
                where = Where(file, f"/{EXTENSION_KEY}/{spec.table}/{index}")
                if not isinstance(row, dict):
                    raise where.fail(spec.key[0], _("expected an object"))
                staging.add(spec.table, where, row)


def _walk(table: str, obj: dict[str, Any], pointer: str, file: str, staging: Staging) -> str:
    where = Where(file, pointer or "/")
    row: dict[str, Any] = {}
    children: list[tuple[str, str, str, dict[str, Any]]] = []
    for key, value in obj.items():
        nested_parent = NESTED_PARENTS.get((table, key))
        if nested_parent and isinstance(value, dict):
            parent_table, column = nested_parent
            row.setdefault(column, _walk(parent_table, value, f"{pointer}/{key}", file,
                                         staging))
            continue
        child = NESTED.get((table, key))
        if key == "attributes" and isinstance(value, list):
            child = ("attribute", "link_id")
        if child and isinstance(value, list):
            for index, item in enumerate(value):
                if not isinstance(item, dict):
                    raise Where(file, f"{pointer}/{key}/{index}").fail(
                        key, _("expected an object"))
                children.append((child[0], child[1] or "", f"{pointer}/{key}/{index}", item))
            continue
        row[key] = value
    record_id = row.get("id")
    if not isinstance(record_id, str) or not record_id:
        raise where.fail("id", _("is required"))
    add_allowing_repeats(staging, table, where, row)
    for child_table, column, child_pointer, item in children:
        item = dict(item)
        if column and not item.get(column):
            item[column] = record_id
        if child_table == "attribute" and not item.get("link_entity"):
            item["link_entity"] = table
        _walk(child_table, item, child_pointer, file, staging)
    return record_id.strip().lower()
