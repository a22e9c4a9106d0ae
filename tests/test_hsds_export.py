"""The directory given back to the ecosystem: exports validate against the official HSDS 3.0
schemas (offline), and importing an export gives back exactly the same directory."""

from __future__ import annotations

import csv
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from desktop.cli import main
from desktop.directory.hsds.exporter import export_directory
from desktop.directory.hsds.importer import import_source
from desktop.directory.hsds.mapping import EXTENSION_TAXONOMY, HSDS_TABLES
from desktop.directory.sources import source_hash
from tests.conftest import HSDS_REFERENCE
from tests.helpers.tables import TABLES, table_rows

SCHEMAS = HSDS_REFERENCE / "schema"


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        # The schemas refer to each other by file name ("attribute.json"): register them
        # under those names so every $ref resolves locally, with no network.
        resources.append((path.name, Resource.from_contents(
            contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": name}, registry=REGISTRY)


def page_validator() -> Draft202012Validator:
    openapi = json.loads((SCHEMAS / "openapi.json").read_text(encoding="utf-8"))
    page = {"allOf": [openapi["components"]["schemas"]["Page"]],
            "properties": {"contents": {"type": "array",
                                        "items": {"$ref": "organization.json"}}},
            "required": ["contents"]}
    return Draft202012Validator(page, registry=REGISTRY)


def assert_valid(schema: Draft202012Validator, instance: Any, where: str) -> None:
    errors = sorted(schema.iter_errors(instance), key=lambda e: list(e.absolute_path))
    assert not errors, f"{where}: {errors[0].message} at {list(errors[0].absolute_path)}"


def csv_objects(folder: Path, table: str) -> list[dict[str, Any]]:
    """A package's CSV rows as typed JSON objects, using the package's own field types."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    convert = {"integer": int, "number": float, "string": str}
    with (folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
        return [{k: convert[types[k]](v) for k, v in row.items() if v != ""}
                for row in csv.DictReader(handle)]


def test_json_export_of_the_embedded_directory_validates(built_directory: Path,
                                                         tmp_path: Path) -> None:
    output = tmp_path / "directory.json"
    assert main(["db", "export", str(output), "--format", "hsds-json",
                 "--directory", str(built_directory)]) == 0
    document = json.loads(output.read_text(encoding="utf-8"))
    assert_valid(page_validator(), document, "page")
    organization = validator("organization.json")
    for index, item in enumerate(document["contents"]):
        assert_valid(organization, item, f"contents/{index}")
        for service in item.get("services", []):
            assert_valid(validator("service.json"), service, f"service {service['id']}")
    assert document["total_items"] == len(table_rows(built_directory)["organization"])


def test_csv_export_of_the_embedded_directory_validates(built_directory: Path,
                                                        tmp_path: Path) -> None:
    folder = tmp_path / "package"
    export_directory(built_directory, folder, "hsds-csv")
    for spec in HSDS_TABLES:
        schema = validator(f"{spec.table}.json")
        rows = csv_objects(folder, spec.table)
        for number, row in enumerate(rows, start=2):
            if spec.table == "address":
                # HSDS requires these even when unknown; the directory leaves them empty.
                for required in ("address_1", "city", "state_province", "postal_code"):
                    row.setdefault(required, "")
            assert_valid(schema, row, f"{spec.filename} row {number}")
    # The extension is published as a taxonomy with a uri, and used by attributes.
    taxonomies = csv_objects(folder, "taxonomy")
    assert {"id": EXTENSION_TAXONOMY["id"], "uri": EXTENSION_TAXONOMY["uri"]}.items() <= \
        next(t for t in taxonomies if t["id"] == EXTENSION_TAXONOMY["id"]).items()
    kinds = [a for a in csv_objects(folder, "attribute") if a.get("link_entity") ==
             "organization" and a.get("link_type") == "extension"]
    assert kinds
    assert (folder / "translations.csv").read_text(encoding="utf-8").startswith(
        "table_name,record_id,field_name,locale,translation,source_hash")


@pytest.mark.parametrize("target", ["package", "package.zip", "directory.json"])
def test_round_trip_loses_nothing(directory_copy: Path, tmp_path: Path, target: str) -> None:
    with sqlite3.connect(directory_copy) as conn:
        # Make sure a translation is there to travel, whatever the sources hold today.
        org_id, description = conn.execute(
            "SELECT id, description FROM organization ORDER BY id").fetchone()
        conn.execute("INSERT OR REPLACE INTO translations VALUES "
                     "('organization', ?, 'description', 'ar', 'وصف', ?, 1)",
                     (org_id, source_hash(description)))
    conn.close()
    exported = tmp_path / target
    export_directory(directory_copy, exported,
                     "hsds-json" if target.endswith(".json") else "hsds-csv")
    reimported = tmp_path / "reimported.db"
    import_source(exported, output=reimported)
    original, again = table_rows(directory_copy), table_rows(reimported)
    for table in TABLES:
        assert again[table] == original[table], table
    assert original["organization"] and original["translations"]
    assert original["media_detail"] and original["community_served"]


def test_a_synthetic_directory_with_an_empty_setting_travels_too(tmp_path: Path) -> None:
    # A synthetic directory has no category keywords: an empty setting, not a missing one.
    from desktop.directory.synth import synthesise_directory

    source = tmp_path / "synthetic.db"
    synthesise_directory(40, source)
    exported = tmp_path / "package"
    export_directory(source, exported, "hsds-csv")
    reimported = tmp_path / "reimported.db"
    import_source(exported, output=reimported)
    original, again = table_rows(source), table_rows(reimported)
    for table in TABLES:
        if table != "directory_meta":  # says who built the file, and from what
            assert again[table] == original[table], table
    assert original["organization"] and original["language"]


def test_export_is_reproducible(built_directory: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    export_directory(built_directory, first, "hsds-csv")
    export_directory(built_directory, second, "hsds-csv")
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}


@pytest.mark.parametrize("example", ["csv", "organization_full.json", "service_full.json"])
def test_official_examples_export_again(example: str, tmp_path: Path) -> None:
    imported = tmp_path / "example.db"
    import_source(HSDS_REFERENCE / "examples" / example, output=imported)
    output = tmp_path / "again.json"
    export_directory(imported, output, "hsds-json")
    document = json.loads(output.read_text(encoding="utf-8"))
    assert_valid(page_validator(), document, "page")
    [organization] = document["contents"]
    assert organization["name"] == "Example Organization Inc."
    assert organization["tax_status"] == "tax_status"   # kept unknown fields go back out
    folder = tmp_path / "again"
    export_directory(imported, folder, "hsds-csv")
    for spec in HSDS_TABLES:
        for row in csv_objects(folder, spec.table):
            if spec.table == "address":
                continue
            assert_valid(validator(f"{spec.table}.json"), row, spec.filename)


def test_export_refuses_to_overwrite_a_folder_that_is_not_an_export(built_directory: Path,
                                                                     tmp_path: Path,
                                                                     capsys) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("keep me", encoding="utf-8")
    assert main(["db", "export", str(folder), "--format", "hsds-csv",
                 "--directory", str(built_directory)]) == 2
    assert "is not an earlier export" in capsys.readouterr().err
    assert (folder / "letter.txt").read_text(encoding="utf-8") == "keep me"
