"""The app on a read-only disk: a USB stick with its lock switched on, a live system, a
locked-down account. It reads what it can, writes nothing, and says why favourites are off.

The folder is made truly read-only: a read-only bind mount in a private mount namespace
(an administrator ignores permission bits), or its permission bits for anyone else.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.directory.update import apply_update
from desktop.userdata import UserData

ROOT = Path(__file__).resolve().parent.parent


def run_on_read_only(folder: Path, command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run ``command`` while ``folder`` is read-only for it."""
    env = {**os.environ, "MIGRANT_DIRECTORY_DATA": str(folder), "QT_QPA_PLATFORM": "offscreen"}
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT,
                                  timeout=120, check=False)
        finally:
            folder.chmod(0o755)
    if shutil.which("unshare") is None:
        pytest.skip("no unshare(1) to make a read-only mount")
    where = shlex.quote(str(folder))
    script = (f"mount --bind {where} {where} && mount -o remount,ro,bind {where} {where} "
              f"|| exit 97; exec {shlex.join(command)}")
    result = subprocess.run(["unshare", "--mount", "sh", "-c", script], capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=120, check=False)
    if result.returncode == 97 or "unshare failed" in result.stderr:
        pytest.skip(f"this machine cannot make a read-only mount: {result.stderr.strip()}")
    return result


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def starred_folder(user_data: Path) -> Path:
    data = UserData.open()
    data.set_favourite("org-1", "Fackligt Center för Papperslösa", True)
    data.set_favourite("org-2", "Musasa", True)
    data.set_setting("language", "ti")
    data.close()
    return user_data


def test_favourites_on_a_read_only_disk_are_shown_and_the_file_is_left_alone(
        starred_folder: Path) -> None:
    before = snapshot(starred_folder)
    script = textwrap.dedent("""
        import json
        from desktop.userdata import UserData
        data = UserData.open()
        data.set_setting("language", "ar")   # this session only
        print(json.dumps({"read_only": data.read_only, "persistent": data.persistent,
                          "favourites": [f.name for f in data.favourites()],
                          "language": data.get_setting("language"),
                          "moved_aside": str(data.moved_aside or ""),
                          "problem": data.problem}))
    """)
    result = run_on_read_only(starred_folder, [sys.executable, "-c", script])
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["read_only"] and not seen["persistent"]
    assert sorted(seen["favourites"]) == ["Fackligt Center för Papperslösa", "Musasa"]
    assert seen["language"] == "ar"
    assert seen["moved_aside"] == ""  # a healthy file is not taken for a damaged one
    assert "read-only" in seen["problem"]
    assert snapshot(starred_folder) == before


def test_the_app_starts_on_a_read_only_disk_and_says_favourites_are_off(
        starred_folder: Path, built_directory: Path) -> None:
    result = run_on_read_only(starred_folder, [
        sys.executable, "-m", "desktop", "--directory", str(built_directory),
        "--exit-after-startup"])
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "read-only" in result.stderr and str(starred_folder) in result.stderr


@pytest.mark.parametrize("command", ["apply", "rollback"])
def test_an_update_on_a_read_only_disk_says_so_and_changes_nothing(
        starred_folder: Path, built_directory: Path, command: str) -> None:
    if command == "rollback":  # an update was installed while the disk could be written
        apply_update(built_directory)
    before = snapshot(starred_folder / "directory")
    arguments = [str(built_directory)] if command == "apply" else []
    result = run_on_read_only(starred_folder, [
        sys.executable, "-m", "desktop", "update", command, *arguments])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "read-only" in result.stderr
    assert snapshot(starred_folder / "directory") == before


def test_the_self_test_tells_the_admin_the_data_folder_is_read_only(
        starred_folder: Path, built_directory: Path) -> None:
    result = run_on_read_only(starred_folder, [
        sys.executable, "-m", "desktop", "--self-test", "--directory", str(built_directory)])
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert (f"FAILED: user data folder writable: {starred_folder} is read-only: the app will "
            "run, but favourites and correction reports will be off") in result.stdout


def test_check_config_says_no_update_can_be_installed_on_a_read_only_disk(
        starred_folder: Path, tmp_path: Path) -> None:
    from tests.kiosk_helpers import write_config

    config = write_config(tmp_path)
    result = run_on_read_only(starred_folder, [
        sys.executable, "-m", "desktop", "kiosk", "check-config", str(config)])
    assert result.returncode == 0, result.stderr
    assert f"data folder: {starred_folder} (read-only: no update can be installed)" \
        in result.stdout
