"""One directory option for the app and every command: ``--directory FILE`` (``--db`` too),
before or after the command, is honoured, and a file that is missing or not a directory
is named in one clear message with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main


@pytest.mark.parametrize("where", ["before", "after", "alias"])
def test_search_reads_the_directory_it_is_given(
        where: str, embedded_directory: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    args = {"before": ["--directory", str(embedded_directory), "search", "lawyer", "--json"],
            "after": ["search", "lawyer", "--json", "--directory", str(embedded_directory)],
            "alias": ["search", "lawyer", "--json", "--db", str(embedded_directory)]}[where]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["total"] > 0


@pytest.mark.parametrize("content", [None, b"\x00\x01 not a database " * 100])
def test_a_missing_or_broken_directory_is_refused_not_replaced(
        content: bytes | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "OTHER.db"
    if content is not None:
        other.write_bytes(content)
    assert main(["--directory", str(other), "search", "org"]) == 2
    error = capsys.readouterr().err
    assert "OTHER.db" in error
    assert "Traceback" not in error


def test_a_directory_damaged_in_its_middle_is_reported_not_a_traceback(
        embedded_directory: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damaged = tmp_path / "damaged.db"
    data = bytearray(embedded_directory.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 40960] = bytes(range(256)) * 160  # garbage, the header intact
    damaged.write_bytes(bytes(data))
    assert main(["db", "check", str(damaged)]) == 1  # it lists what it found wrong
    assert "integrity" in capsys.readouterr().out
    assert main(["db", "stats", str(damaged)]) == 2
    assert "is damaged and cannot be read" in capsys.readouterr().err
    # A search that never reaches the damaged pages still answers; one that does says so.
    assert main(["--directory", str(damaged), "search", "legal"]) in (0, 2)
    assert "Traceback" not in capsys.readouterr().err
