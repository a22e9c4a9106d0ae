"""A social worker in Sydney says where they are: the app stops speaking of Belgium."""

from __future__ import annotations

from desktop.ui.settings_dialog import COUNTRY_KEY

pytest_plugins = ["tests.ui_fixtures"]  # the ``context`` and ``window`` fixtures

SYDNEY = {"city": "Sydney", "country": "AU", "latitude": -33.87, "longitude": 151.21}


def test_choosing_sydney_gives_australias_emergency_number_and_local_results(
        qtbot, window) -> None:
    window.set_location(SYDNEY)
    context = window.context
    assert (context.country, context.city) == ("AU", "Sydney")
    assert context.host_locale == "en"  # Australia's language, beside the person's own
    assert "000" in window.home._emergency_summary.text()
    assert context.user_data.get_setting(COUNTRY_KEY) == "AU"
    window.show_results("legal")
    qtbot.waitUntil(lambda: window.results.request().text == "legal"
                    and window.results.summary_is_current())
    assert window.results.request().home == ("AU", "Sydney")


def test_in_brazil_the_card_shows_brazilian_portuguese_and_in_mozambique_portuguese(
        qtbot, window) -> None:
    window.set_location({"city": "Maputo", "country": "MZ",
                         "latitude": -25.97, "longitude": 32.57})
    assert window.context.host_locale == "pt"
    window.set_location({"city": "São Paulo", "country": "BR",
                         "latitude": -23.55, "longitude": -46.63})
    assert window.context.host_locale == "pt_BR"
    assert "190" in window.home._emergency_summary.text() or \
        "Brazil" in window.home._emergency_summary.text()


def test_the_first_start_question_lists_the_countries_and_their_towns(qtbot, context) -> None:
    from desktop.ui.where_dialog import WhereDialog

    dialog = WhereDialog(context)
    qtbot.addWidget(dialog)
    countries = [dialog.country.itemData(i) for i in range(dialog.country.count())]
    assert {"AU", "BE", "SE", "ZW"} <= set(countries)
    dialog.country.setCurrentIndex(dialog.country.findData("AU"))
    towns = [dialog.town.itemText(i) for i in range(dialog.town.count())]
    assert "Sydney" in towns
    assert dialog.chosen_place()["country"] == "AU"
    assert dialog.chosen_place()["latitude"] is None  # only the country, so far
    dialog.town.setCurrentIndex(towns.index("Sydney"))
    assert dialog.chosen_place()["city"] == "Sydney"


def test_a_country_alone_is_enough(qtbot, window) -> None:
    window.set_location({"city": "", "country": "SE", "latitude": None, "longitude": None})
    assert window.context.country == "SE"
    assert "112" in window.home._emergency_summary.text()
