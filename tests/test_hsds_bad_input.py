"""Broken packages: each one is refused with one message that names the file, the row and
the field; the command exits 2 and the directory being merged into is left byte-identical."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.directory.hsds import package_reader
from desktop.directory.hsds.importer import import_source
from tests.conftest import HSDS_REFERENCE

EXAMPLE_PACKAGE = HSDS_REFERENCE / "examples" / "csv"
ORG_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"


@pytest.fixture
def target(tmp_path: Path) -> Path:
    """A directory a maintainer merges into; it must survive every failed import."""
    path = tmp_path / "directory.db"
    import_source(HSDS_REFERENCE / "examples" / "organization_full.json", output=path)
    return path


@pytest.fixture
def package(tmp_path: Path) -> Path:
    copy = tmp_path / "package"
    shutil.copytree(EXAMPLE_PACKAGE, copy)
    for file in copy.iterdir():
        file.chmod(0o644)
    return copy


def edit(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def refused(source: Path, target: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = target.read_bytes()
    assert main(["db", "import", str(source), "--into", str(target)]) == 2
    assert target.read_bytes() == before
    leftovers = [p.name for p in target.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.err


def test_missing_datapackage_json(package: Path, target: Path, capsys) -> None:
    (package / "datapackage.json").unlink()
    error = refused(package, target, capsys)
    assert str(package) in error and "no datapackage.json" in error


def test_latin1_bytes_are_named_with_their_line(package: Path, target: Path, capsys) -> None:
    services = package / "services.csv"
    services.write_bytes(services.read_bytes().replace("£50".encode(), "£50".encode("latin-1")))
    error = refused(package, target, capsys)
    assert "services.csv: line 2: byte 0xa3 is not UTF-8 text" in error


def test_semicolon_delimiter(package: Path, target: Path, capsys) -> None:
    edit(package / "phones.csv", lambda text: text.replace(",", ";"))
    error = refused(package, target, capsys)
    assert "phones.csv: row 1: the columns are separated by ';'" in error


def test_utf8_bom_is_accepted_silently(package: Path, tmp_path: Path) -> None:
    organizations = package / "organizations.csv"
    organizations.write_bytes(b"\xef\xbb\xbf" + organizations.read_bytes())
    report = import_source(package, output=tmp_path / "new.db")
    assert report.counts["organization"] == 1


def test_foreign_key_pointing_nowhere(package: Path, target: Path, capsys) -> None:
    edit(package / "services.csv", lambda text: text.replace(
        ORG_ID, "00000000-0000-4000-8000-000000000000"))
    error = refused(package, target, capsys)
    assert "services.csv: row 2, field 'organization_id': " \
           "'00000000-0000-4000-8000-000000000000' points to no organization" in error


def test_duplicate_ids(package: Path, target: Path, capsys) -> None:
    edit(package / "phones.csv", lambda text: text + text.splitlines()[1] + "\n")
    error = refused(package, target, capsys)
    assert "phones.csv: row 3, field 'id': '1554f2e2-a373-45db-a3fa-9fc48a61c15e' is used " \
           "twice: also at" in error and "row 2" in error


def test_non_uuid_id(package: Path, target: Path, capsys) -> None:
    edit(package / "languages.csv",
         lambda text: text.replace("2989d3ed-c547-48f8-8f9d-432d81c7892e", "urdu-1"))
    error = refused(package, target, capsys)
    assert "languages.csv: row 2, field 'id': 'urdu-1' is not a UUID" in error


def test_coordinates_that_are_not_numbers(package: Path, target: Path, capsys) -> None:
    edit(package / "locations.csv", lambda text: text.replace(",100,101,", ",52.5N,13.4E,"))
    error = refused(package, target, capsys)
    assert "locations.csv: row 2, field 'latitude': '52.5N' is not a number" in error


def test_coordinates_off_the_globe_are_dropped_and_reported(package: Path, tmp_path: Path
                                                            ) -> None:
    # The official example itself has latitude 100: the location is kept, the point is not.
    report = import_source(package, output=tmp_path / "new.db")
    assert any("coordinates" in reason for reason in report.skipped)
    with sqlite3.connect(tmp_path / "new.db") as conn:
        assert conn.execute("SELECT latitude, longitude FROM location").fetchone() == \
            (None, None)


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("services.csv", "2005-01-01", "31/01/2005", "services.csv: row 2, field 'assured_date': "
                                                 "'31/01/2005' is not a date"),
    ("schedules.csv", "10:00:00", "10am", "schedules.csv: row 2, field 'opens_at': '10am' is "
                                          "not a time"),
    ("services.csv", "2023-03-15T10:30:45.123Z", "yesterday",
     "services.csv: row 2, field 'last_modified': 'yesterday' is not a date and time"),
])
def test_dates_and_times_that_do_not_parse(package: Path, target: Path, capsys, file: str,
                                           old: str, new: str, expected: str) -> None:
    edit(package / file, lambda text: text.replace(old, new, 1))
    assert expected in refused(package, target, capsys)


def test_zip_with_paths_escaping_the_folder(package: Path, target: Path, tmp_path: Path,
                                            capsys) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for file in package.iterdir():
            bundle.write(file, file.name)
        bundle.writestr("../../escaped.txt", "gotcha")
    error = refused(archive, target, capsys)
    assert "evil.zip: contains '../../escaped.txt', a path outside the package" in error
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_zip_bomb_is_refused_before_extracting(target: Path, tmp_path: Path, capsys,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("datapackage.json", '{"resources": []}')
        bundle.writestr("services.csv", b"\0" * (20 * 1024 * 1024))  # 20 MB -> ~20 kB
    extracted: list[str] = []
    monkeypatch.setattr(zipfile.ZipFile, "open",
                        lambda self, *a, **k: extracted.append(a) or pytest.fail("extracted"))
    error = refused(archive, target, capsys)
    assert "bomb.zip: 'services.csv' would unpack to" in error and "zip bomb" in error
    assert extracted == []


def test_zip_declaring_more_than_the_package_limit(target: Path, tmp_path: Path, capsys,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package_reader, "MAX_PACKAGE_BYTES", 1000)
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("datapackage.json", '{"resources": []}' + " " * 2000)
    assert "packages above" in refused(archive, target, capsys)


def test_huge_file_is_refused_without_reading_it(package: Path, target: Path, capsys,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    services = package / "services.csv"
    services.unlink()
    subprocess.run(["truncate", "-s", "1G", str(services)], check=True)  # sparse: no disk used
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read {self}")
                        if self == services else real_read(self))
    error = refused(package, target, capsys)
    assert "services.csv: the file is 1024 MB; files above 256 MB are refused" in error


def test_huge_json_file_is_refused(target: Path, tmp_path: Path, capsys) -> None:
    huge = tmp_path / "huge.json"
    subprocess.run(["truncate", "-s", "1G", str(huge)], check=True)
    assert "huge.json: the file is 1024 MB" in refused(huge, target, capsys)


def test_a_csv_file_that_is_not_the_template(target: Path, capsys) -> None:
    error = refused(EXAMPLE_PACKAGE / "services.csv", target, capsys)
    assert "not the directory template" in error


def test_json_that_does_not_parse(target: Path, tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x",\n  "name": }', encoding="utf-8")
    assert "broken.json: line 2, column 11: not valid JSON" in refused(broken, target, capsys)


def test_into_a_file_that_is_not_a_directory(package: Path, tmp_path: Path, capsys) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("hello", encoding="utf-8")
    error = refused(package, not_a_db, capsys)
    assert "notes.db" in error and "not an SQLite file" in error


def test_a_directory_version_that_is_a_formula_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A hostile package would plant a formula in every later corrections export."""
    from desktop.directory.hsds.exporter import export_directory

    source = tmp_path / "source.db"
    import_source(HSDS_REFERENCE / "examples" / "organization_full.json", output=source)
    exported = tmp_path / "exported"
    export_directory(source, exported, "hsds-csv")
    meta = exported / "directory_meta.csv"
    lines = meta.read_text(encoding="utf-8").splitlines()
    meta.write_text("\n".join([lines[0], *[line for line in lines[1:]
                                           if not line.startswith("version,")],
                               "version,=cmd|' /C calc'!A0"]) + "\n", encoding="utf-8")
    output = tmp_path / "out.db"

    code = main(["db", "import", str(exported), "-o", str(output)])

    error = capsys.readouterr().err
    assert code == 2
    assert "is not a plain version" in error and "Traceback" not in error
    assert not output.exists()


def test_direction_controls_that_would_spoof_a_name_are_removed_and_reported(
        package: Path, tmp_path: Path, capsys) -> None:
    # U+202E draws what follows backwards: "Example \u202eexe.txt" would show "txt.exe".
    edit(package / "organizations.csv",
         lambda text: text.replace("Example Organization Inc.", "Example \u202eInc.\u2066"))
    output = tmp_path / "new.db"
    assert main(["db", "import", str(package), "-o", str(output)]) == 0
    printed = capsys.readouterr().out
    assert "direction controls removed" in printed
    assert "organizations.csv row 2 name" in printed
    with sqlite3.connect(output) as conn:
        assert conn.execute("SELECT name FROM organization WHERE id = ?",
                            (ORG_ID,)).fetchone() == ("Example Inc.",)
