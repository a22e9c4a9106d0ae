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
