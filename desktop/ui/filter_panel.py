"""The filter panel beside the results: one group per facet with a count for each value,
and the three yes/no filters (open now, free of charge, welcomes undocumented people).

Checkboxes are kept and updated in place when new counts arrive, so keyboard focus does
not jump while the person is ticking filters. Values are labelled in the UI language;
the directory's own text (city names) is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, country_name, format_number, language_name, ngettext
from desktop.i18n.qt import RetranslatedOnLanguageChange
from desktop.ui.labels import facet_title, kind_label

# Facets with a list of values, in panel order; the most useful first.
VALUE_FACETS = ("category", "kind", "language", "country", "city")
FLAG_FACETS = ("open_now", "free_of_charge", "open_to_undocumented")
# Long lists (languages, cities in a big directory) show their most frequent values;
# "show all" reveals the rest.
SHORT_LIST = 8


@dataclass(frozen=True)
class FilterState:
    """What is ticked, independent of Qt; the results page turns it into SearchFilters."""

    values: dict[str, frozenset[str]]
    flags: frozenset[str]

    def is_empty(self) -> bool:
        return not self.flags and not any(self.values.values())


class _FacetGroup(QGroupBox):
    """Checkboxes for the values of one facet, each with its count."""

    changed = Signal()

    def __init__(self, facet: str, label_for: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facet = facet
        self._label_for = label_for
        self._boxes: dict[str, QCheckBox] = {}
        self._counts: list[tuple[str, int]] = []
        self._expanded = False
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(2)
        self._more = QPushButton(self)
        self._more.setFlat(True)
        self._more.clicked.connect(self._toggle_expanded)
        self._layout.addWidget(self._more)
        self.retranslate()

    def selected(self) -> frozenset[str]:
        return frozenset(v for v, box in self._boxes.items() if box.isChecked())

    def clear(self) -> None:
        for box in self._boxes.values():
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)

    def set_counts(self, counts: list[tuple[str, int]]) -> None:
        self._counts = list(counts)
        self._relayout()

    def retranslate(self) -> None:
        self.setTitle(facet_title(self.facet))
        self._relayout()

    def _relayout(self) -> None:
        counts = dict(self._counts)
        selected = self.selected()
        # Values with results first (by count, as the directory sent them), then any
        # ticked value that has none left, so it can still be unticked.
        order = [v for v, _n in self._counts]
        order += sorted(v for v in selected if v not in counts)
        visible = order if self._expanded else (
            order[:SHORT_LIST] + [v for v in order[SHORT_LIST:] if v in selected])
        for value in visible:
            box = self._boxes.get(value)
            if box is None:
                box = QCheckBox(self)
                box.toggled.connect(self.changed)
                self._boxes[value] = box
            # Translators: %(value)s is a filter choice in the reader's language: a category,
            # language, country or town, or "Open now", "Free of charge"; %(count)s is how many
            # results it has, e.g. 14. The label of a tick box in the Filters panel.
            label = _("%(value)s (%(count)s)") % {
                "value": self._label_for(value), "count": format_number(counts.get(value, 0))}
            box.setText(label.replace("&", "&&"))  # "&" would become a shortcut marker
            box.setAccessibleName(label)
        for value, box in self._boxes.items():
            box.setVisible(value in visible)
        # Keep checkbox order = display order, with the "show all" button last.
        for position, value in enumerate(visible):
            self._layout.removeWidget(self._boxes[value])
            self._layout.insertWidget(position, self._boxes[value])
        hidden = len(order) - len(visible)
        self._more.setVisible(len(order) > SHORT_LIST)
        self._more.setText(_("Show fewer") if self._expanded
                           # Translators: %(count)s is the number of filter choices not shown yet,
                           # e.g. 7 (always 1 or more). A button in the Filters panel.
                           else ngettext("Show all (%(count)s more)", "Show all (%(count)s more)",
                                         hidden) % {"count": format_number(hidden)})
        self._more.setAccessibleName(self._more.text())
        self.setVisible(bool(order))

    def tick(self, value: str) -> None:
        """Tick ``value`` even before any count for it has arrived."""
        if value not in dict(self._counts):
            self._counts.append((value, 0))
            self._relayout()
        self._boxes[value].setChecked(True)

    def _toggle_expanded(self) -> None:
        self._expanded = not self._expanded
        self._relayout()


class FilterPanel(RetranslatedOnLanguageChange, QWidget):
    """Emits ``changed`` whenever a filter is ticked or unticked."""

    changed = Signal()

    def __init__(self, category_label: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterPanel")
        labels: dict[str, Callable[[str], str]] = {
            "category": category_label,
            "kind": kind_label,
            "language": language_name,
            "country": country_name,
            "city": lambda city: city,
        }
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._heading = QLabel(self)
        self._heading.setObjectName("filterHeading")
        layout.addWidget(self._heading)
        self._clear = QPushButton(self)
        self._clear.clicked.connect(self.clear)
        layout.addWidget(self._clear)
        self._flags: dict[str, QCheckBox] = {}
        self._flag_counts: dict[str, int | None] = {}
        for facet in FLAG_FACETS:
            box = QCheckBox(self)
            box.toggled.connect(self._on_changed)
            self._flags[facet] = box
            layout.addWidget(box)
        self._groups: dict[str, _FacetGroup] = {}
        for facet in VALUE_FACETS:
            group = _FacetGroup(facet, labels[facet], self)
            group.changed.connect(self._on_changed)
            self._groups[facet] = group
            layout.addWidget(group)
        layout.addStretch(1)
        self.retranslate()
        self._update_clear()

    def state(self) -> FilterState:
        return FilterState(
            values={facet: group.selected() for facet, group in self._groups.items()},
            flags=frozenset(f for f, box in self._flags.items() if box.isChecked()))

    def set_facets(self, facets: dict[str, list[tuple[str, int]]]) -> None:
        for facet, group in self._groups.items():
            group.set_counts(facets.get(facet, []))
        for facet in FLAG_FACETS:
            counts = facets.get(facet) or []
            self._flag_counts[facet] = counts[0][1] if counts else None
        self._label_flags()

    def checkbox(self, facet: str, value: str = "") -> QCheckBox | None:
        """The checkbox of a value (or of a yes/no filter), if it is on screen."""
        if facet in self._flags:
            return self._flags[facet]
        box = self._groups[facet]._boxes.get(value)
        return box if box is not None and box.isVisibleTo(self) else None

    def select(self, facet: str, value: str) -> None:
        """Tick a value from outside (a category tile on the home screen)."""
        self._groups[facet].tick(value)

    def set_flag(self, facet: str, on: bool) -> None:
        self._flags[facet].setChecked(on)

    def clear(self) -> None:
        """Untick everything, then say so once."""
        for group in self._groups.values():
            group.clear()
        for box in self._flags.values():
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self._on_changed()

    def retranslate(self) -> None:
        self._heading.setText(_("Filters"))
        self._clear.setText(_("Clear all filters"))
        self._clear.setAccessibleName(_("Clear all filters"))
        for group in self._groups.values():
            group.retranslate()
        self._label_flags()

    def _label_flags(self) -> None:
        for facet, box in self._flags.items():
            count = self._flag_counts.get(facet)
            label = facet_title(facet)
            if count is not None:
                # Translators: %(value)s is a filter choice in the reader's language: a category,
                # language, country or town, or "Open now", "Free of charge"; %(count)s is how many
                # results it has, e.g. 14. The label of a tick box in the Filters panel.
                label = _("%(value)s (%(count)s)") % {"value": label,
                                                      "count": format_number(count)}
            box.setText(label)
            box.setAccessibleName(label)

    def _on_changed(self) -> None:
        self._update_clear()
        self.changed.emit()

    def _update_clear(self) -> None:
        self._clear.setEnabled(not self.state().is_empty())
