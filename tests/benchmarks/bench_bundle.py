"""The bundle's size and frozen start-up, side by side with a bare PySide6 window frozen by
the same PyInstaller with the same exclusions (``packaging/bare_window.spec``).

Targets (issue 6): bundle ≤ 1.25 × the bare bundle; compressed archive ≤ 75 MB;
start-up to the first painted frame ≤ 2 × the bare window.

Start-up is the wall time from launching the executable to its exit right after the first
painted frame (the app's ``--exit-after-startup``; the bare window quits the same way),
median of several runs after one warm-up run, offscreen so it needs no display.

``python -m tests.benchmarks bundle [--runs N] [--rebuild]``: the app bundle in
``dist/migrant-directory`` is reused when it is newer than everything it is built from.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from desktop import APP_ID

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
SIZE_RATIO_TARGET = 1.25
ARCHIVE_TARGET_MB = 75.0
STARTUP_RATIO_TARGET = 2.0
# What the app bundle is built from: if any of it is newer than the bundle, rebuild.
BUNDLE_INPUTS = ("build.spec", "packaging", "desktop", "resources", "translations",
                 "db/directory.db")
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


def pyinstaller(spec: Path, distpath: Path, workpath: Path) -> float:
    """Build ``spec``; returns the build time in seconds."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(distpath),
                    "--workpath", str(workpath), str(spec)],
                   cwd=spec.parent, check=True)
    return time.perf_counter() - started


def newest_input() -> float:
    newest = 0.0
    for name in BUNDLE_INPUTS:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()
                                               and "__pycache__" not in p.parts]
        newest = max([newest, *(p.stat().st_mtime for p in files)])
    return newest


def app_bundle(rebuild: bool, work: Path) -> tuple[Path, float | None]:
    """``dist/migrant-directory``, built now unless a fresh one is there."""
    bundle = DIST / APP_ID
    executable = bundle / f"{APP_ID}{EXE_SUFFIX}"
    if not rebuild and executable.exists() and executable.stat().st_mtime > newest_input():
        return bundle, None
    seconds = pyinstaller(ROOT / "build.spec", DIST, work / "app-build")
    return bundle, seconds


def folder_bytes(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and
               not p.is_symlink())


def archive_bytes(folder: Path, out: Path) -> int:
    """Size of the folder as a ``.tar.xz`` (what a Linux centre downloads)."""
    with tarfile.open(out, "w:xz", preset=6) as archive:
        archive.add(folder, arcname=folder.name)
    return out.stat().st_size


def startup_seconds(command: list[str], env: dict[str, str], cwd: Path, runs: int
                    ) -> list[float]:
    subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def clean_env(home: Path) -> dict[str, str]:
    env = {"HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           "MIGRANT_DIRECTORY_DATA": str(home / "user-data")}
    if sys.platform == "win32":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
    return env


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_bundle")
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per app (≥ 5)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild dist/ even if fresh")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as temp:
        work = Path(temp)
        bare_build_s = pyinstaller(ROOT / "packaging" / "bare_window.spec", work / "bare",
                                   work / "bare-build")
        bare = work / "bare" / "bare-window"
        app, app_build_s = app_bundle(args.rebuild, work)

        sizes = {"bare": folder_bytes(bare), "app": folder_bytes(app)}
        archives = {"bare": archive_bytes(bare, work / "bare.tar.xz"),
                    "app": archive_bytes(app, work / "app.tar.xz")}
        home = work / "home"
        home.mkdir()
        env = clean_env(home)
        bare_times = startup_seconds([str(bare / f"bare-window{EXE_SUFFIX}")], env, home,
                                     args.runs)
        app_times = startup_seconds([str(app / f"{APP_ID}{EXE_SUFFIX}"),
                                     "--exit-after-startup"], env, home, args.runs)

    mb = 1024 * 1024
    size_ratio = sizes["app"] / sizes["bare"]
    bare_start, app_start = statistics.median(bare_times), statistics.median(app_times)
    start_ratio = app_start / bare_start

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    print(f"PyInstaller bundles on {sys.platform}, {os.cpu_count()} cores; start-up is the "
          f"median of {args.runs} runs (offscreen), after one warm-up run")
    print(f"{'':32}{'bare window':>14}{'app':>14}{'ratio':>9}   target")
    print(f"{'bundle size (MB)':32}{sizes['bare'] / mb:14.1f}{sizes['app'] / mb:14.1f}"
          f"{size_ratio:9.2f}   ≤ {SIZE_RATIO_TARGET}× bare: "
          f"{verdict(size_ratio <= SIZE_RATIO_TARGET)}")
    app_archive_mb = archives["app"] / mb
    print(f"{'archive .tar.xz (MB)':32}{archives['bare'] / mb:14.1f}{app_archive_mb:14.1f}"
          f"{archives['app'] / archives['bare']:9.2f}   ≤ {ARCHIVE_TARGET_MB:.0f} MB: "
          f"{verdict(app_archive_mb <= ARCHIVE_TARGET_MB)}")
    print(f"{'start-up to first frame (ms)':32}{bare_start * 1000:14.0f}{app_start * 1000:14.0f}"
          f"{start_ratio:9.2f}   ≤ {STARTUP_RATIO_TARGET}× bare: "
          f"{verdict(start_ratio <= STARTUP_RATIO_TARGET)}")
    spread = (f"{min(bare_times) * 1000:.0f}–{max(bare_times) * 1000:.0f}",
              f"{min(app_times) * 1000:.0f}–{max(app_times) * 1000:.0f}")
    print(f"{'  (range, ms)':32}{spread[0]:>14}{spread[1]:>14}")
    app_build = f"{app_build_s:.0f}" if app_build_s is not None else "reused"
    print(f"{'build time (s)':32}{bare_build_s:14.0f}{app_build:>14}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
