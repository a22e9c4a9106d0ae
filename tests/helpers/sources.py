"""A small, valid source tree written into a temporary folder, for build tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SOURCES

ORG_ID = "0f0e8a52-2a3c-4f8e-9d57-3f2a9b1c0d01"
LOCATION_ID = "0f0e8a52-2a3c-4f8e-9d57-3f2a9b1c0d02"
SERVICE_ID = "0f0e8a52-2a3c-4f8e-9d57-3f2a9b1c0d03"

ORGANIZATION = f'''
[[organization]]
id = "{ORG_ID}"
name = "Test Housing Advice"
kind = "ngo"
description = "Help with rent and tenancy."
source_url = ["https://example.org/test-housing-advice"]
assured_date = "2026-10-01"

[[organization.location]]
id = "{LOCATION_ID}"
city = "São Paulo"
country = "BR"
latitude = -23.55
longitude = -46.63

[[organization.service]]
id = "{SERVICE_ID}"
name = "Tenancy advice"
categories = ["housing"]
languages = ["ar", "pt"]
hours = "Mo-Fr 09:00-17:00"
free_of_charge = true
'''


def write_sources(folder: Path, organization: str = ORGANIZATION) -> Path:
    """A source tree with the real categories and one organisation file."""
    (folder / "organizations").mkdir(parents=True)
    shutil.copyfile(SOURCES / "categories.toml", folder / "categories.toml")
    shutil.copyfile(SOURCES / "places.csv", folder / "places.csv")
    (folder / "organizations" / "test.toml").write_text(organization, encoding="utf-8")
    (folder / "emergency_numbers.csv").write_text(
        "country,general,police,ambulance,fire,source_url,assured_date,note\n"
        "BR,,190,192,193,https://example.org/br-emergency,2026-10-01,\n",
        encoding="utf-8")
    return folder


PREVIOUS = b"the previous good directory"


def refused_build(folder: Path, text: str, capsys: pytest.CaptureFixture[str]) -> str:
    """Build sources holding ``text`` over a previous good directory in ``folder``: the
    build must stop with exit code 2, one message naming the source file and no traceback,
    and leave the previous file as it was. Returns the message."""
    from desktop.cli import main

    sources = write_sources(folder / "src", text)
    output = folder / "directory.db"
    output.write_bytes(PREVIOUS)
    code = main(["db", "build", "--sources", str(sources), "-o", str(output)])
    error = capsys.readouterr().err
    assert code == 2
    assert "test.toml" in error
    assert "Traceback" not in error
    assert output.read_bytes() == PREVIOUS
    return error
