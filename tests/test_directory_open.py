"""Whatever file is handed to the app, it gets one clear message, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.directory.check import check_directory
from desktop.directory.database import Directory
from desktop.directory.schema import LEAF_TABLES
from desktop.errors import UserError


def test_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "directory.db"
    path.write_text("these are not the droids")
    with pytest.raises(UserError, match="not an SQLite file"):
        Directory(path)


def test_a_truncated_directory(directory_copy: Path) -> None:
    data = directory_copy.read_bytes()
    directory_copy.write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError, match="is truncated"):
        Directory(directory_copy)


def test_a_directory_from_a_newer_app(directory_copy: Path) -> None:
    with sqlite3.connect(directory_copy) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(UserError, match="newer version of the app"):
        Directory(directory_copy)


def test_a_directory_with_an_old_schema(directory_copy: Path) -> None:
    with sqlite3.connect(directory_copy) as conn:
        conn.execute("PRAGMA user_version = 0")
    with pytest.raises(UserError, match="old directory schema"):
        Directory(directory_copy)


def test_a_missing_file_on_the_command_line(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "x", "--db", str(tmp_path / "nope.db")]) == 2
    error = capsys.readouterr().err
    assert "nope.db: does not exist" in error
    assert "Traceback" not in error


def test_the_directory_is_opened_read_only(built_directory: Path) -> None:
    directory = Directory(built_directory)
    with pytest.raises(sqlite3.OperationalError):
        directory.conn.execute("DELETE FROM organization")


def test_check_reports_a_sound_directory(built_directory: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "check", str(built_directory)]) == 0
    assert "OK" in capsys.readouterr().out


def test_check_finds_a_stale_search_index(directory_copy: Path) -> None:
    with sqlite3.connect(directory_copy) as conn:
        conn.execute("DELETE FROM search_doc WHERE rowid = 1")
    report = check_directory(directory_copy)
    assert not report.ok
    assert any("search index" in p for p in report.problems)


def test_damaged_search_facets_still_search_and_check_names_them(
        directory_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A hostile or half-written file: the counts kept beside the full text do not parse.
    with sqlite3.connect(directory_copy) as conn:
        conn.execute("UPDATE search_facet SET combos = '{not json' WHERE name = 'bits:category'")
    conn.close()
    assert main(["--directory", str(directory_copy), "search", "legal"]) == 0
    found = capsys.readouterr()
    assert "Legal" in found.out and "Traceback" not in found.err
    report = check_directory(directory_copy)
    assert not report.ok
    assert any("search facets cannot be read" in p for p in report.problems)


def test_check_finds_word_matches_that_disagree_with_the_full_text(
        directory_copy: Path) -> None:
    from desktop.directory.facet_index import write_word_bitmaps

    with sqlite3.connect(directory_copy) as conn:
        write_word_bitmaps(conn, conn.execute("SELECT count(*) FROM search_doc").fetchone()[0],
                           at_least=20)
    conn.close()
    assert check_directory(directory_copy).ok
    with sqlite3.connect(directory_copy) as conn:
        conn.execute("UPDATE search_facet SET doc_combo = x'00ff' WHERE name = 'words:0'")
    conn.close()
    report = check_directory(directory_copy)
    assert any("cannot be read" in p for p in report.problems)
    # The search does not trust it: the full text answers that term instead.
    with Directory(directory_copy) as directory:
        from desktop.directory.search import SearchRequest

        assert directory.count(SearchRequest("le")) > 0


def test_check_finds_a_language_record_with_the_id_of_another(directory_copy: Path) -> None:
    # Leaf tables (languages, hours, categories …) carry no id index in the shipped file,
    # so the database alone would not refuse a repeated id: the check must.
    with sqlite3.connect(directory_copy) as conn:
        conn.execute("INSERT INTO language (id, service_id, code) SELECT id, service_id, 'xx' "
                     "FROM language LIMIT 1")
    report = check_directory(directory_copy)
    assert not report.ok
    assert any(p.startswith("language id ") and "more than one record" in p
               for p in report.problems)


def test_the_shipped_file_keeps_no_index_on_leaf_record_ids(built_directory: Path) -> None:
    with sqlite3.connect(built_directory) as conn:
        for table in LEAF_TABLES:
            indexed = [conn.execute(f"PRAGMA index_info({name})").fetchall()
                       for _seq, name, *_rest in conn.execute(f"PRAGMA index_list({table})")]
            assert all(columns[0][2] != "id" for columns in indexed), table


def test_check_lists_records_not_verified_for_a_year(directory_copy: Path) -> None:
    with sqlite3.connect(directory_copy) as conn:
        conn.execute("UPDATE organization SET assured_date = '2020-01-01' WHERE id = "
                     "(SELECT min(id) FROM organization)")
    report = check_directory(directory_copy)
    assert any("not verified for over a year" in n for n in report.notes)


def test_an_admin_reads_command_messages_in_their_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fr", "update", "rollback"]) == 2
    assert "il n'y a pas de mise à jour à annuler" in capsys.readouterr().err
    assert main(["update", "rollback"]) == 2
    assert "there is no update to roll back" in capsys.readouterr().err
