"""The user's own data: favourites and settings survive restarts, crashes and bad files."""

from __future__ import annotations

import csv
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.userdata import FILE_NAME, SCHEMA_VERSION, UserData


def test_favourites_and_settings_survive_a_restart(user_data: Path) -> None:
    data = UserData.open()
    data.set_favourite("org-1", "Multaka", True)
    data.set_favourite("org-2", "ZCTU", True)
    data.set_favourite("org-2", "ZCTU", False)
    data.set_setting("language", "ti")
    data.set_setting("window", {"width": 1200, "maximised": False})
    data.close()

    again = UserData.open()
    assert (user_data / FILE_NAME).exists()
    assert [f.org_id for f in again.favourites()] == ["org-1"]
    assert again.favourites()[0].name == "Multaka"
    assert again.is_favourite("org-1") and not again.is_favourite("org-2")
    assert again.get_setting("language") == "ti"
    assert again.get_setting("window") == {"width": 1200, "maximised": False}
    assert again.get_setting("missing", "default") == "default"


def test_the_file_uses_wal_and_records_its_format_version(user_data: Path) -> None:
    UserData.open().close()
    conn = sqlite3.connect(user_data / FILE_NAME)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_process_killed_without_closing_leaves_its_writes_intact(user_data: Path) -> None:
    # The child writes, then dies on the spot: no close(), no cleanup, like a power cut
    # right after the write returned.
    script = textwrap.dedent("""
        import os
        from desktop.userdata import UserData
        data = UserData.open()
        for n in range(20):
            data.set_favourite(f"org-{n}", f"Organisation {n}", True)
        data.set_setting("language", "ar")
        os._exit(9)
    """)
    result = subprocess.run([sys.executable, "-c", script], check=False,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 9
    again = UserData.open()
    assert again.moved_aside is None
    assert len(again.favourites()) == 20
    assert again.get_setting("language") == "ar"


def test_a_damaged_file_is_moved_aside_not_deleted(user_data: Path) -> None:
    path = user_data / FILE_NAME
    path.write_bytes(b"this is not a database, it was overwritten by something" * 100)
    data = UserData.open()
    assert data.moved_aside is not None
    assert data.moved_aside.name.startswith(f"{FILE_NAME}.damaged-")
    assert data.moved_aside.read_bytes().startswith(b"this is not a database")
    assert data.problem
    # A fresh store works.
    data.set_favourite("org-1", "Multaka", True)
    assert data.is_favourite("org-1")


def test_a_file_from_a_newer_app_is_moved_aside_and_its_settings_are_kept(
        user_data: Path) -> None:
    data = UserData.open()
    data.set_setting("language", "fa")
    data.set_favourite("org-7", "Radio Tamazuj", True)
    data.close()
    conn = sqlite3.connect(user_data / FILE_NAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()

    again = UserData.open()
    assert again.moved_aside is not None and again.moved_aside.exists()
    assert "newer" in again.problem
    assert again.get_setting("language") == "fa"
    assert again.is_favourite("org-7")


def test_corrections_are_saved_and_exported_as_csv(tmp_path: Path) -> None:
    data = UserData.open()
    data.add_correction("org-1", "Multaka", "phone", "The number is now +30 210 000", "2026.1")
    data.add_correction("org-2", "=HYPERLINK(\"x\")", "other", "=1+1 closed in May", "2026.1")
    with pytest.raises(ValueError):
        data.add_correction("org-3", "X", "other", "   ", "2026.1")
    with pytest.raises(ValueError):
        data.add_correction("org-3", "X", "because", "text", "2026.1")
    out = tmp_path / "corrections.csv"
    assert data.export_corrections_csv(out) == 2
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [r["organization_id"] for r in rows] == ["org-1", "org-2"]
    assert rows[0]["reason"] == "phone" and rows[0]["text"] == "The number is now +30 210 000"
    # Text a visitor typed never runs as a spreadsheet formula.
    assert rows[1]["organization_name"].startswith("'=")
    assert rows[1]["text"] == "'=1+1 closed in May"


def test_kiosk_store_never_touches_the_disk_and_clears(user_data: Path) -> None:
    data = UserData.in_memory()
    data.set_favourite("org-1", "Multaka", True)
    data.set_setting("language", "so")
    data.add_correction("org-1", "Multaka", "closed", "", "v")
    assert not data.persistent
    assert list(user_data.iterdir()) == []
    data.clear()
    assert data.favourites() == [] and data.corrections() == []
    assert data.get_setting("language") is None


def test_starring_again_keeps_the_first_date_and_refreshes_the_name() -> None:
    data = UserData.in_memory()
    data.set_favourite("org-1", "Old name", True)
    first = data.favourites()[0].added_at
    data.set_favourite("org-1", "New name", True)
    assert data.favourites()[0].name == "New name"
    assert data.favourites()[0].added_at == first


def test_a_file_from_a_newer_app_keeps_its_correction_reports(user_data: Path) -> None:
    data = UserData.open()
    data.add_correction("org-1", "Multaka", "phone", "New number", "2026.1")
    data.add_search_report("qareen", "so", "2026.1")
    data.close()
    conn = sqlite3.connect(user_data / FILE_NAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()

    again = UserData.open()

    reports = again.corrections()
    assert (reports[0].org_name, reports[0].reason) == ("Multaka", "phone")
    assert any(r.query == "qareen" and r.locale == "so" for r in reports)


def _starred(count: int) -> list[str]:
    data = UserData.open()
    ids = [f"org-{n:04d}-{'x' * 30}" for n in range(count)]
    for n, org_id in enumerate(ids):
        data.set_favourite(org_id, f"Organisation number {n} {'y' * 40}", True)
    data.set_setting("language", "ti")
    data.add_correction("org-0001", "Organisation 1", "phone", "the number rings out", "v9")
    data.close()
    return ids


@pytest.mark.parametrize("kept", [0.95, 0.7, 0.5])
def test_a_file_cut_short_gives_back_every_favourite_still_on_the_disk(
        user_data: Path, kept: float) -> None:
    # A power cut while the file was copied to a USB stick and back: its end is gone.
    ids = _starred(300)
    path = user_data / FILE_NAME
    whole = path.read_bytes()
    page = 4096
    cut = int(len(whole) * kept) // page * page
    path.write_bytes(whole[:cut])
    # Which favourites are still on the pages that are left, read independently: a name
    # is plain text in the file and only its row holds it (an id is in the index too).
    on_disk = {org_id for n, org_id in enumerate(ids)
               if f"Organisation number {n} ".encode() in whole[:cut]}

    again = UserData.open()
    assert again.moved_aside is not None and "malformed" in again.problem
    salvaged = {f.org_id for f in again.favourites()}
    assert salvaged == on_disk
    assert len(salvaged) > 0.8 * kept * len(ids) - 30  # most of the file, most of the stars
    assert again.get_setting("language") == "ti"


def test_a_deleted_favourite_does_not_come_back_from_a_damaged_file(user_data: Path) -> None:
    ids = _starred(300)
    data = UserData.open()
    for org_id in ids[:150]:
        data.set_favourite(org_id, "", False)
    data.close()
    path = user_data / FILE_NAME
    whole = path.read_bytes()
    path.write_bytes(whole[:len(whole) // 4096 * 4096 - 4096])

    again = UserData.open()
    assert again.moved_aside is not None
    salvaged = {f.org_id for f in again.favourites()}
    assert salvaged and salvaged <= set(ids[150:])
