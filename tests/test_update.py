"""A centre admin installs directory updates from a USB stick, and rolls them back.

Every bad update is refused with a message that says why, and the directory in use stays
exactly as it was (compared byte for byte).
"""

from __future__ import annotations

import builtins
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop import paths
from desktop.cli import main
from desktop.directory.update import (
    apply_update,
    generate_keypair,
    previous_path,
    rollback,
    sign_file,
)
from desktop.errors import UserError
from tests.conftest import HSDS_REFERENCE


def organisation_names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM organization")}
    finally:
        conn.close()


def renamed_copy(built_directory: Path, folder: Path, name: str, marker: str) -> Path:
    """A valid update that differs visibly: one organisation renamed to ``marker``."""
    path = folder / name
    shutil.copyfile(built_directory, path)
    conn = sqlite3.connect(path)
    with conn:
        org_id = conn.execute("SELECT id FROM organization ORDER BY id LIMIT 1").fetchone()[0]
        conn.execute("UPDATE organization SET name = ? WHERE id = ?", (marker, org_id))
    conn.close()
    return path


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def installed(built_directory: Path, usb: Path) -> Path:
    """A kiosk that already runs an installed update named 'Current Centre Directory'."""
    first = renamed_copy(built_directory, usb, "first.db", "Current Centre Directory")
    apply_update(first)
    return paths.installed_directory()


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    private, public = tmp_path / "keys" / "update.pem", tmp_path / "keys" / "update.pub.pem"
    generate_keypair(private, public)
    return private, public


def test_a_new_directory_replaces_the_installed_one_and_the_old_one_is_kept(
        installed: Path, built_directory: Path, usb: Path) -> None:
    update = renamed_copy(built_directory, usb, "new.db", "Newer Centre Directory")

    result = apply_update(update)

    assert "Newer Centre Directory" in organisation_names(installed)
    assert result.previous == previous_path(installed)
    assert "Current Centre Directory" in organisation_names(result.previous)
    assert paths.active_directory() == installed
    assert result.organizations > 100


def test_rollback_brings_back_the_previous_directory_and_a_second_rollback_redoes(
        installed: Path, built_directory: Path, usb: Path) -> None:
    apply_update(renamed_copy(built_directory, usb, "new.db", "Newer Centre Directory"))

    rollback()
    assert "Current Centre Directory" in organisation_names(installed)
    rollback()
    assert "Newer Centre Directory" in organisation_names(installed)


def test_rolling_back_the_first_update_returns_to_the_embedded_directory(
        built_directory: Path, usb: Path) -> None:
    apply_update(renamed_copy(built_directory, usb, "first.db", "First Update"))
    assert paths.active_directory() == paths.installed_directory()

    in_use = rollback()

    assert in_use == paths.embedded_directory()
    assert not paths.installed_directory().exists()


def test_rollback_with_nothing_installed_says_so() -> None:
    with pytest.raises(UserError, match="no update to roll back"):
        rollback()


def refused(installed: Path, update: Path, match: str, **kwargs: object) -> None:
    """The update is refused with ``match`` in the message; nothing changed on disk."""
    before = installed.read_bytes()
    previous_before = previous_path(installed).exists()
    with pytest.raises(UserError, match=match) as caught:
        apply_update(update, **kwargs)  # type: ignore[arg-type]
    assert str(update) in str(caught.value) or "signature" in str(caught.value)
    assert installed.read_bytes() == before
    assert previous_path(installed).exists() == previous_before
    leftovers = [p.name for p in installed.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_a_truncated_update_is_refused(installed: Path, built_directory: Path,
                                       usb: Path) -> None:
    update = usb / "truncated.db"
    data = built_directory.read_bytes()
    update.write_bytes(data[: len(data) // 2])
    refused(installed, update, "truncated")


def test_a_file_that_is_not_sqlite_is_refused(installed: Path, usb: Path) -> None:
    update = usb / "holiday-photo.db"
    update.write_bytes(b"\xff\xd8\xff\xe0 JFIF not a database" * 100)
    refused(installed, update, "not an SQLite file")


def test_a_refused_zip_names_the_file_the_admin_gave_not_its_temporary_copy(
        installed: Path, usb: Path) -> None:
    import zipfile

    not_a_zip = usb / "directory-update.zip"
    not_a_zip.write_bytes(b"PK\x03\x04 but nothing after it")
    refused(installed, not_a_zip, "not a readable zip file")
    escaping = usb / "escaping.zip"
    with zipfile.ZipFile(escaping, "w") as package:
        package.writestr("../../organizations.json", "[]")
    refused(installed, escaping, "outside the package folder")
    for update in (not_a_zip, escaping):
        with pytest.raises(UserError) as caught:
            apply_update(update)
        assert caught.value.path == update and ".update-" not in str(caught.value)


def test_a_directory_from_a_newer_app_is_refused(installed: Path, built_directory: Path,
                                                 usb: Path) -> None:
    update = renamed_copy(built_directory, usb, "newer.db", "From The Future")
    conn = sqlite3.connect(update)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA user_version = {version + 1}")
    conn.close()
    refused(installed, update, "newer version of the app")


def test_an_empty_directory_is_refused(installed: Path, usb: Path) -> None:
    from desktop.directory.index import rebuild_search_index
    from desktop.directory.schema import create_schema

    update = usb / "empty.db"
    conn = sqlite3.connect(update)
    create_schema(conn)
    with conn:
        rebuild_search_index(conn)
    conn.close()
    refused(installed, update, "holds no organisations")


def test_an_update_with_a_broken_search_index_is_refused(installed: Path,
                                                         built_directory: Path,
                                                         usb: Path) -> None:
    update = usb / "unindexed.db"
    shutil.copyfile(built_directory, update)
    conn = sqlite3.connect(update)
    with conn:
        conn.execute("DELETE FROM search_doc WHERE rowid IN "
                     "(SELECT rowid FROM search_doc LIMIT 5)")
    conn.close()
    refused(installed, update, "search index")


def stick_gives_out_after_the_first_read(monkeypatch: pytest.MonkeyPatch, update: Path,
                                         later_read: Callable[[], bytes]) -> None:
    """The stick's file: the first read works, every later one is ``later_read()``."""
    real_open = builtins.open

    def fake_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        if Path(file) == update and "r" in mode:
            first_read, reads = handle.read, [0]

            def read(size: int = -1) -> bytes:
                reads[0] += 1
                return first_read(size) if reads[0] == 1 else later_read()
            handle.read = read
        return handle

    monkeypatch.setattr(builtins, "open", fake_open)


def test_a_usb_stick_pulled_out_mid_copy_is_refused(
        installed: Path, built_directory: Path, usb: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    update = renamed_copy(built_directory, usb, "new.db", "Never Installed")

    def pulled_device() -> bytes:
        raise OSError(5, "Input/output error")

    stick_gives_out_after_the_first_read(monkeypatch, update, pulled_device)
    refused(installed, update, "USB stick removed")


def test_a_copy_shorter_than_the_file_is_refused(
        installed: Path, built_directory: Path, usb: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The stick goes away between stat and the end of the read: fewer bytes than expected."""
    update = renamed_copy(built_directory, usb, "new.db", "Never Installed")
    stick_gives_out_after_the_first_read(monkeypatch, update, lambda: b"")
    refused(installed, update, "could not be read completely")


def test_a_signed_update_is_accepted_when_the_kiosk_has_a_key(
        installed: Path, built_directory: Path, usb: Path, keys: tuple[Path, Path]) -> None:
    private, public = keys
    update = renamed_copy(built_directory, usb, "signed.db", "Signed Update")
    sign_file(update, private)

    result = apply_update(update, public_key=public)

    assert result.signed
    assert "Signed Update" in organisation_names(installed)


def test_an_unsigned_update_is_refused_when_the_kiosk_has_a_key(
        installed: Path, built_directory: Path, usb: Path, keys: tuple[Path, Path]) -> None:
    update = renamed_copy(built_directory, usb, "unsigned.db", "Unsigned")
    refused(installed, update, "must come with its signature", public_key=keys[1])


def test_a_signature_made_with_another_key_is_refused(
        installed: Path, built_directory: Path, usb: Path, keys: tuple[Path, Path],
        tmp_path: Path) -> None:
    other_private, _ = tmp_path / "other.pem", tmp_path / "other.pub.pem"
    generate_keypair(other_private, tmp_path / "other.pub.pem")
    update = renamed_copy(built_directory, usb, "forged.db", "Forged")
    sign_file(update, other_private)
    refused(installed, update, "not made with this kiosk's update key", public_key=keys[1])


def test_a_signature_for_a_different_file_is_refused(
        installed: Path, built_directory: Path, usb: Path, keys: tuple[Path, Path]) -> None:
    private, public = keys
    genuine = renamed_copy(built_directory, usb, "genuine.db", "Genuine")
    signature = sign_file(genuine, private)
    swapped = renamed_copy(built_directory, usb, "swapped.db", "Swapped In")
    refused(installed, swapped, "signature of a different file",
            public_key=public, signature=signature)


def test_an_hsds_package_becomes_the_directory_and_keeps_the_emergency_numbers(
        installed: Path, usb: Path) -> None:
    packages = sorted((HSDS_REFERENCE / "examples").rglob("datapackage.json"))
    assert packages, "the vendored HSDS examples hold a data package"
    package = usb / "hsds-package"
    shutil.copytree(packages[0].parent, package)

    result = apply_update(package)

    assert result.organizations >= 1
    conn = sqlite3.connect(installed)
    assert conn.execute("SELECT count(*) FROM emergency_number").fetchone()[0] > 0
    conn.close()


def test_the_command_line_applies_signs_and_rolls_back(
        installed: Path, built_directory: Path, usb: Path, keys: tuple[Path, Path],
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    private, public = keys
    config = tmp_path / "centre.toml"
    config.write_text(f'[admin]\nupdate_public_key = "{public}"\n', encoding="utf-8")
    update = renamed_copy(built_directory, usb, "cli.db", "From The Command Line")

    # The centre config names a key, so an unsigned update is refused: exit 2, a message.
    assert main(["--config", str(config), "update", "apply", str(update)]) == 2
    assert "signature" in capsys.readouterr().err
    assert "Current Centre Directory" in organisation_names(installed)

    assert main(["update", "sign", str(update), "--key", str(private)]) == 0
    assert main(["--config", str(config), "update", "apply", str(update)]) == 0
    assert "From The Command Line" in organisation_names(installed)

    assert main(["update", "rollback"]) == 0
    assert "Current Centre Directory" in organisation_names(installed)
    out = capsys.readouterr().out
    assert "signature verified" in out and "Rolled back" in out


def test_a_private_key_is_not_overwritten_by_keygen(keys: tuple[Path, Path]) -> None:
    private, public = keys
    before = private.read_bytes()
    with pytest.raises(UserError, match="already exists"):
        generate_keypair(private, public)
    assert private.read_bytes() == before
    assert private.stat().st_mode & 0o077 == 0


def test_an_update_from_an_older_app_is_passed_over_not_a_dead_end(
        installed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The centre upgraded the app; the update it had installed uses the old schema.
    with sqlite3.connect(installed) as conn:
        conn.execute("PRAGMA user_version = 1")
    before = installed.read_bytes()
    assert main(["search", "sindicato"]) == 0
    captured = capsys.readouterr()
    assert "cannot be used" in captured.err and "old directory schema" in captured.err
    assert "(union;" in captured.out  # the unions of the directory that came with the app
    assert main(["update", "status"]) == 0
    status = capsys.readouterr().out
    assert "The installed update cannot be used" in status
    assert f"In use: {paths.embedded_directory()}" in status
    assert installed.read_bytes() == before


def test_the_kiosk_guides_config_place_makes_the_command_line_refuse_unsigned_updates(
        installed: Path, built_directory: Path, usb: Path, keys: tuple[Path, Path],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """docs/kiosk.md puts the config in ~/.config/migrant-directory/centre.toml and then
    runs 'update apply FILE' without --config: the key it names must still be required."""
    config_home = tmp_path / "config-home"
    (config_home / "migrant-directory").mkdir(parents=True)
    (config_home / "migrant-directory" / "centre.toml").write_text(
        f'[admin]\nupdate_public_key = "{keys[1]}"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    before = installed.read_bytes()
    update = renamed_copy(built_directory, usb, "unsigned.db", "Unsigned")

    assert main(["update", "apply", str(update)]) == 2

    assert "signature" in capsys.readouterr().err
    assert installed.read_bytes() == before


def test_a_config_whose_update_key_is_not_a_key_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "centre.toml"
    config.write_text('[admin]\nupdate_public_key = "/etc/passwd"\n', encoding="utf-8")
    assert main(["kiosk", "check-config", str(config)]) == 2
    assert "is not an Ed25519 public key" in capsys.readouterr().err


def test_what_an_interrupted_update_left_is_removed_by_the_next_one(
        installed: Path, built_directory: Path, usb: Path) -> None:
    leftover = installed.parent / ".update-k9x2"
    leftover.mkdir()
    (leftover / "candidate.db").write_bytes(b"\0" * 4096)  # a power cut mid-copy

    apply_update(renamed_copy(built_directory, usb, "next.db", "Next Directory"))

    assert not leftover.exists()
    assert not list(installed.parent.glob(".update-*"))
