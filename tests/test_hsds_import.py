"""A maintainer brings directory data in: the official HSDS examples, a partner's package,
and the centre's own spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.directory.database import Directory
from desktop.directory.hsds.importer import import_source
from desktop.directory.hsds.template import template_id
from desktop.directory.search import SearchRequest
from tests.conftest import HSDS_REFERENCE, ROOT
from tests.helpers.tables import table_rows

EXAMPLES = HSDS_REFERENCE / "examples"
TEMPLATE = ROOT / "db" / "templates" / "directory-template.csv"


def found(path: Path, text: str) -> list[str]:
    directory = Directory(path)
    try:
        return [row.name for row in directory.search(SearchRequest(text=text)).rows]
    finally:
        directory.close()


def test_official_csv_package_imports_and_is_findable(tmp_path: Path, capsys) -> None:
    output = tmp_path / "partner.db"
    assert main(["db", "import", str(EXAMPLES / "csv"), "-o", str(output)]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"service\s+1 row \(1 new\)", printed)
    # What the directory cannot hold is named, with the reason.
    assert "funding.csv" in printed and "HSDS tables the directory does not hold" in printed
    assert "locations.csv row 2 (100.0, 101.0)" in printed
    assert found(output, "Example Organization") == ["Example Organization Inc."]
    with sqlite3.connect(output) as conn:
        extra = json.loads(conn.execute("SELECT extra_json FROM service").fetchone()[0])
        source = conn.execute("SELECT source, assured_date FROM service").fetchone()
    assert extra["wait_time"] == "wait_time"  # unknown columns are kept
    assert source == ("csv", "2005-01-01")    # source = the imported name; HSDS date kept


@pytest.mark.parametrize("example", ["organization_full.json", "service_full.json",
                                     "service_at_location_full.json",
                                     "organization_list.json", "service_list.json"])
def test_official_json_examples_import_and_are_findable(example: str, tmp_path: Path) -> None:
    output = tmp_path / "partner.db"
    report = import_source(EXAMPLES / example, output=output)
    assert report.counts["organization"] == 1
    assert found(output, "Example Org") == ["Example Organization Inc."]


def test_full_json_object_flattens_into_every_table(tmp_path: Path) -> None:
    output = tmp_path / "partner.db"
    import_source(EXAMPLES / "organization_full.json", output=output)
    rows = table_rows(output)
    for table in ("service", "location", "address", "phone", "schedule", "language",
                  "contact", "service_at_location", "service_area", "attribute",
                  "taxonomy_term", "taxonomy"):
        assert len(rows[table]) == 1, table
    with sqlite3.connect(output) as conn:
        # One phone nested under the organization and under its contact: one record, both links.
        links = conn.execute("SELECT organization_id, contact_id FROM phone").fetchone()
    assert all(links)


def test_importing_the_same_package_twice_changes_nothing(tmp_path: Path, capsys) -> None:
    target = tmp_path / "directory.db"
    import_source(EXAMPLES / "csv", output=target)
    before = table_rows(target)
    assert main(["db", "import", str(EXAMPLES / "csv"), "--into", str(target)]) == 0
    assert re.search(r"organization\s+1 row \(0 new\)", capsys.readouterr().out)
    assert table_rows(target) == before
    with sqlite3.connect(target) as conn:  # the import's temporary id indexes are gone
        assert not conn.execute("SELECT name FROM sqlite_schema WHERE type = 'index' AND "
                                "name LIKE 'writing_%'").fetchall()


def test_into_merges_a_package_into_the_embedded_directory(directory_copy: Path) -> None:
    before = table_rows(directory_copy)
    import_source(EXAMPLES / "service_full.json", into=directory_copy)
    after = table_rows(directory_copy)
    assert len(after["organization"]) == len(before["organization"]) + 1
    assert set(before["organization"]) <= set(after["organization"])
    assert found(directory_copy, "Counselling")


def test_template_example_row_imports_and_is_findable(tmp_path: Path) -> None:
    output = tmp_path / "centre.db"
    report = import_source(TEMPLATE, output=output)
    assert report.counts["service"] == 1
    assert found(output, "unpaid wages") == ["Example Migrant Workers' Centre"]
    with sqlite3.connect(output) as conn:
        service = conn.execute(
            "SELECT id, free_of_charge, open_to_undocumented, interpretation_available "
            "FROM service").fetchone()
        org_kind = conn.execute("SELECT kind FROM organization").fetchone()[0]
        days = conn.execute("SELECT byday, opens_at, closes_at FROM schedule "
                            "ORDER BY byday").fetchall()
    # Ids are derived from the names, as db/templates/README.md says.
    assert service == (template_id("service", "Example Migrant Workers' Centre",
                                   "Advice on unpaid wages"), 1, 1, 0)
    assert org_kind == "union"
    assert ("MO,TU,WE,TH,FR", "09:00", "17:00") in days


def test_template_into_the_embedded_directory_uses_its_categories(directory_copy: Path
                                                                   ) -> None:
    import_source(TEMPLATE, into=directory_copy)
    conn = sqlite3.connect(directory_copy)
    try:
        codes = {row[0] for row in conn.execute(
            "SELECT t.code FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id "
            "WHERE a.link_id = ?", (template_id("service", "Example Migrant Workers' Centre",
                                                "Advice on unpaid wages"),))}
        terms = conn.execute("SELECT count(*) FROM taxonomy_term").fetchone()[0]
    finally:
        conn.close()
    assert codes == {"work_rights", "legal"}
    assert terms == len(table_rows(directory_copy)["taxonomy_term"])


def _example_row() -> tuple[list[str], dict[str, str]]:
    header, row = list(csv.reader(TEMPLATE.read_text(encoding="utf-8").splitlines()))[:2]
    return header, dict(zip(header, row, strict=True))


def _sheet(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    header, example = _example_row()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for changes in rows:
        writer.writerow([{**example, **changes}[column] for column in header])
    path = tmp_path / "centre.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _template_with(tmp_path: Path, **changes: str) -> Path:
    """A sheet whose row 14 (as a spreadsheet counts, with the header as row 1) is changed."""
    good = [{"Service name": f"Service {n}"} for n in range(12)]
    changed = {"Organisation name": "Row Fourteen Association",
               **{k.replace("_", " "): v for k, v in changes.items()}}
    return _sheet(tmp_path, [*good, changed])


@pytest.mark.parametrize(("column", "value", "message"), [
    ("Opening_hours", "Mon-Fri 9-5pm", "row 14, column 'Opening hours': 'Mon-Fri 9-5pm' is "
                                       "not understood; write e.g. 'Mo-Fr 09:00-17:00'"),
    ("Free_of_charge", "sometimes", "row 14, column 'Free of charge': 'sometimes' is not "
                                    "understood; write 'yes' or 'no'"),
    ("Categories", "food", "row 14, column 'Categories': 'food' is not a category"),
    ("Latitude", "50,85", "row 14, column 'Latitude': '50,85' is not a number (use a point"),
    ("Kind", "club", "row 14, column 'Kind': 'club' is not understood"),
    ("Last_verified", "01/11/2026", "row 14, column 'Last verified': '01/11/2026' is not a "
                                    "date; write e.g. '2024-01-31'"),
])
def test_template_errors_name_row_and_column(tmp_path: Path, capsys, column: str, value: str,
                                             message: str) -> None:
    path = _template_with(tmp_path, **{column: value})
    output = tmp_path / "centre.db"
    assert main(["db", "import", str(path), "-o", str(output)]) == 2
    error = capsys.readouterr().err
    assert message in error and "centre.csv" in error
    assert not output.exists()


def test_template_duplicate_service_names_both_rows(tmp_path: Path, capsys) -> None:
    path = _sheet(tmp_path, [{}, {}])
    assert main(["db", "import", str(path), "-o", str(tmp_path / "x.db")]) == 2
    assert "row 3, column 'Service name': 'Advice on unpaid wages' of 'Example Migrant " \
           "Workers' Centre' is already on row 2" in capsys.readouterr().err


def test_template_keeps_unknown_columns(tmp_path: Path) -> None:
    text = TEMPLATE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "centre.csv"
    path.write_text(f"{text[0]},Volunteer notes\n{text[1]},call Amina first\n",
                    encoding="utf-8")
    import_source(path, output=tmp_path / "centre.db")
    with sqlite3.connect(tmp_path / "centre.db") as conn:
        extra = conn.execute("SELECT extra_json FROM service").fetchone()[0]
    assert json.loads(extra) == {"Volunteer notes": "call Amina first"}


def test_import_without_a_target_says_what_is_needed(capsys) -> None:
    assert main(["db", "import", str(TEMPLATE)]) == 2
    assert "-o NEW.db" in capsys.readouterr().err


def test_zipped_package_imports_like_the_folder(tmp_path: Path) -> None:
    archive = shutil.make_archive(str(tmp_path / "package"), "zip", EXAMPLES / "csv")
    from_zip, from_folder = tmp_path / "zip.db", tmp_path / "folder.db"
    import_source(Path(archive), output=from_zip)
    import_source(EXAMPLES / "csv", output=from_folder)
    zipped, plain = table_rows(from_zip), table_rows(from_folder)
    # Only the source name (the file imported) differs.
    assert len(zipped["organization"]) == len(plain["organization"]) == 1
    assert zipped["phone"] == plain["phone"]


def test_imported_examples_show_up_in_the_search_command(tmp_path: Path, capsys) -> None:
    output = tmp_path / "partner.db"
    import_source(EXAMPLES / "csv", output=output)
    import_source(EXAMPLES / "service_full.json", into=output)
    capsys.readouterr()
    assert main(["search", "counselling", "--db", str(output), "--json"]) == 0
    assert "Example Organization Inc." in capsys.readouterr().out


def test_merging_into_a_directory_whose_ids_repeat_says_so_and_changes_nothing(
        directory_copy: Path, capsys) -> None:
    with sqlite3.connect(directory_copy) as conn:
        conn.execute("INSERT INTO language (id, service_id, code) SELECT id, service_id, 'xx' "
                     "FROM language LIMIT 1")
    before = directory_copy.read_bytes()
    assert main(["db", "import", str(EXAMPLES / "csv"), "--into", str(directory_copy)]) == 2
    error = capsys.readouterr().err
    assert str(directory_copy) in error and "language id" in error and "db check" in error
    assert "Traceback" not in error
    assert directory_copy.read_bytes() == before
