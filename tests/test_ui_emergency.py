"""In danger or in need: the emergency screen gives the numbers of the country the person
is in, says where they come from, and lists the national helplines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.ui.context import AppContext
from desktop.ui.emergency import EmergencyDialog
from tests.ui_support import make_context


@pytest.fixture
def real_context(embedded_directory: Path) -> Iterator[AppContext]:
    yield from make_context(embedded_directory)


def open_for(qtbot, context: AppContext, country: str) -> EmergencyDialog:
    dialog = EmergencyDialog(context)
    qtbot.addWidget(dialog)
    dialog.set_country(country)
    return dialog


def test_australia_shows_triple_zero_its_source_and_its_helplines(qtbot, real_context):
    dialog = open_for(qtbot, real_context, "AU")
    assert dialog.numbers["general"].text() == "000"
    assert dialog._source.text().startswith("Checked on ")
    assert "triplezero.gov.au" in dialog._source.text()
    helplines = [label.text() for label in dialog.helpline_numbers]
    assert "1800 737 732" in helplines  # 1800RESPECT, violence against women


def test_a_service_without_its_own_number_shows_the_general_one(qtbot, real_context):
    numbers = real_context.directory.emergency_numbers("PT")
    assert numbers is not None and numbers.general == "112" and not numbers.police
    dialog = open_for(qtbot, real_context, "PT")
    assert dialog.numbers["police"].text() == "112 (general number)"


def test_helplines_follow_the_chosen_country(qtbot, real_context):
    dialog = open_for(qtbot, real_context, "AU")
    australian = [label.text() for label in dialog.helpline_numbers]
    dialog.set_country("SE")
    swedish = [label.text() for label in dialog.helpline_numbers]
    assert swedish and set(swedish).isdisjoint(australian)
    assert "116 111" in swedish  # BRIS, children
