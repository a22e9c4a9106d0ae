"""A centre checks that its kiosk starts: with --exit-after-startup the kiosk, like the
desktop app, leaves after its first frame (a kiosk refuses to close, so it must exit)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def run_app(arguments: list[str], data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MIGRANT_DIRECTORY_DATA": str(data)}
    return subprocess.run([sys.executable, "-m", "desktop", *arguments], cwd=ROOT, env=env,
                          input="2468\n", capture_output=True, text=True, timeout=120,
                          check=False)


def test_the_kiosk_exits_after_its_first_frame(tmp_path: Path, built_directory: Path) -> None:
    config = tmp_path / "centre.toml"
    shutil.copyfile(ROOT / "resources" / "kiosk" / "centre.toml", config)
    assert run_app(["kiosk", "set-pin", "--config", str(config)], tmp_path).returncode == 0

    done = run_app(["--kiosk", "--config", str(config), "--directory", str(built_directory),
                    "--exit-after-startup"], tmp_path)

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
