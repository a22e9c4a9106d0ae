"""A network of centres shares one synced folder: the coordinator drops a signed directory
in it, and every kiosk installs it between two visitors. What is unsigned, damaged or
older stays where it is and the admin panel says why."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import paths
from desktop.directory.update import generate_keypair, sign_file
from desktop.errors import UserError
from desktop.kiosk.config import load_config
from tests.kiosk_helpers import CENTRE_TOML, Kiosk, make_kiosk, write_config


def organisation_names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {name for (name,) in conn.execute("SELECT name FROM organization")}
    finally:
        conn.close()


def directory_copy(built_directory: Path, path: Path, *, name: str,
                   build_date: str | None = None) -> Path:
    """A sound directory that differs visibly: its first organisation renamed."""
    shutil.copyfile(built_directory, path)
    conn = sqlite3.connect(path)
    with conn:
        org_id = conn.execute("SELECT id FROM organization ORDER BY id LIMIT 1").fetchone()[0]
        conn.execute("UPDATE organization SET name = ? WHERE id = ?", (name, org_id))
        if build_date is not None:
            conn.execute("UPDATE directory_meta SET value = ? WHERE key = 'build_date'",
                         (build_date,))
    conn.close()
    return path


@pytest.fixture
def network(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The synced folder, the coordinator's private key and the kiosk's public key."""
    synced = tmp_path / "Sync" / "directory-updates"
    synced.mkdir(parents=True)
    private, public = tmp_path / "keys" / "update.pem", tmp_path / "keys" / "update.pub.pem"
    generate_keypair(private, public)
    return synced, private, public


@pytest.fixture
def kiosk(qtbot, built_directory: Path, tmp_path: Path, network, monkeypatch
          ) -> Iterator[Kiosk]:
    synced, _private, public = network
    config = write_config(tmp_path, CENTRE_TOML + f'update_public_key = "{public}"\n'
                                                  f'update_folder = "{synced}"\n')
    restarts: list[bool] = []
    for running in make_kiosk(qtbot, built_directory, config):
        monkeypatch.setattr(running.session, "reload_directory", lambda: restarts.append(True))
        running.restarts = restarts  # type: ignore[attr-defined]
        yield running


def admin_report(kiosk: Kiosk) -> str:
    from desktop.kiosk.admin import AdminPanel

    panel = AdminPanel(kiosk.session.config.update_public_key, kiosk.window, media_roots=[],
                       update_folder=kiosk.session.update_folder)
    try:
        return panel.status.text()
    finally:
        panel.deleteLater()


def says(report: str, template: str, name: str) -> bool:
    """The report holds ``template``'s line for ``name``, in the language the panel speaks
    (after a reset, the kiosk's resting language: French in the test centre)."""
    from desktop.i18n import _

    return _(template).split("{name}")[0] + name in report


INSTALLED = "Installed from the update folder: {name} ({when})"
NOT_INSTALLED = "Not installed from the update folder: {name}: {reason}"


def test_a_signed_directory_in_the_folder_is_installed_at_the_next_reset(
        kiosk: Kiosk, network, built_directory: Path) -> None:
    synced, private, _public = network
    update = directory_copy(built_directory, synced / "directory-2026-12.db",
                            name="Published By The Coordinator")
    sign_file(update, private)
    assert not paths.installed_directory().exists()  # nothing happens during a visit

    kiosk.session.reset()

    assert "Published By The Coordinator" in organisation_names(paths.installed_directory())
    assert kiosk.restarts == [True]  # type: ignore[attr-defined]
    assert says(admin_report(kiosk), INSTALLED, "directory-2026-12.db")
    kiosk.session.reset()  # the same file is not installed twice
    assert kiosk.restarts == [True]  # type: ignore[attr-defined]


def test_an_unsigned_file_waits_for_its_signature_and_is_reported_meanwhile(
        kiosk: Kiosk, network, built_directory: Path) -> None:
    synced, private, _public = network
    update = directory_copy(built_directory, synced / "directory.db", name="Arrives First")

    kiosk.session.reset()
    assert not paths.installed_directory().exists()
    assert kiosk.restarts == []  # type: ignore[attr-defined]
    report = admin_report(kiosk)
    assert says(report, NOT_INSTALLED, "directory.db")
    assert "signature" in report  # the same word in English and French

    sign_file(update, private)  # the sync tool brings the signature a moment later
    kiosk.session.reset()
    assert "Arrives First" in organisation_names(paths.installed_directory())


def test_a_damaged_file_with_a_good_signature_is_refused_and_nothing_changes(
        kiosk: Kiosk, network) -> None:
    synced, private, _public = network
    damaged = synced / "directory.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00garbage" * 500)
    sign_file(damaged, private)

    kiosk.session.reset()
    assert not paths.installed_directory().exists()
    assert says(admin_report(kiosk), NOT_INSTALLED, "directory.db")


def test_a_directory_older_than_the_one_in_use_is_not_installed(
        kiosk: Kiosk, network, built_directory: Path) -> None:
    synced, private, _public = network
    old = directory_copy(built_directory, synced / "directory-2001.db", name="From 2001",
                         build_date="2001-01-01")
    sign_file(old, private)

    kiosk.session.reset()
    assert not paths.installed_directory().exists()
    from desktop.i18n import _

    older = _("is older than the directory in use (built {offered}, the one in use {in_use})")
    assert older.split("(")[0] in admin_report(kiosk)


def test_a_file_the_sync_tool_is_still_writing_is_left_alone(
        kiosk: Kiosk, network, built_directory: Path) -> None:
    synced, _private, _public = network
    directory_copy(built_directory, synced / ".syncthing.directory.db.tmp", name="Partial")
    directory_copy(built_directory, synced / "~syncthing~directory.db.tmp", name="Partial")

    kiosk.session.reset()
    assert kiosk.session.update_folder.outcomes() == []


def test_an_update_folder_needs_a_key_and_must_exist(tmp_path: Path, network) -> None:
    synced, _private, public = network
    unsigned = write_config(tmp_path, CENTRE_TOML + f'update_folder = "{synced}"\n')
    with pytest.raises(UserError, match=r"needs 'admin\.update_public_key'"):
        load_config(unsigned)
    missing = write_config(tmp_path, CENTRE_TOML + f'update_public_key = "{public}"\n'
                                                   'update_folder = "no-such-folder"\n')
    with pytest.raises(UserError, match="does not exist"):
        load_config(missing)
