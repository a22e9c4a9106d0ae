"""Report a correction: a short form saved in user data, since there is no network.

Maintainers collect the reports with ``migrant-directory corrections export``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.i18n.qt import RetranslatedOnLanguageChange
from desktop.ui.context import AppContext
from desktop.ui.widgets import plain_label
from desktop.userdata import CORRECTION_REASONS, MAX_CORRECTION_LENGTH, Correction

REASON_LABELS: dict[str, str] = {
    "phone": N_("The phone number is wrong"),
    "address": N_("The address is wrong"),
    "hours": N_("The opening hours are wrong"),
    "closed": N_("It is closed or no longer exists"),
    "other": N_("Something else"),
}


class CorrectionDialog(RetranslatedOnLanguageChange, QDialog):
    """Pick what is wrong, optionally say more, save. "Something else" needs words."""

    def __init__(self, org_id: str, org_name: str, context: AppContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctionDialog")
        self.org_id, self.org_name, self.context = org_id, org_name, context
        self.saved: Correction | None = None
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.name_label = plain_label(org_name, self, role="heading")
        layout.addWidget(self.name_label)
        self.reasons = QButtonGroup(self)
        self.reason_buttons: dict[str, QRadioButton] = {}
        for index, code in enumerate(CORRECTION_REASONS):
            button = QRadioButton(self)
            button.setObjectName(f"reason_{code}")
            self.reasons.addButton(button, index)
            self.reason_buttons[code] = button
            layout.addWidget(button)
        # No reason is chosen for the person: a report says what they saw, not a default.
        self.details_label = QLabel(self)
        layout.addWidget(self.details_label)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("correctionText")
        self.details.setTabChangesFocus(True)
        self.details_label.setBuddy(self.details)
        layout.addWidget(self.details)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setProperty("role", "warning")
        self.notice.hide()
        layout.addWidget(self.notice)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reasons.idToggled.connect(lambda *_args: self.notice.hide())
        self.reasons.idToggled.connect(lambda *_args: self._enable_save())
        self._enable_save()
        self.retranslate()
        self.resize(520, 480)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Report a correction"))
        self.intro.setText(_("What is wrong with this entry? Your report is saved on this "
                             "computer; the people who keep the directory collect it."))
        for code, button in self.reason_buttons.items():
            button.setText(_(REASON_LABELS[code]))
            button.setAccessibleName(_(REASON_LABELS[code]))
        self.details_label.setText(_("Details (optional, except for “Something else”):"))
        self.details.setAccessibleName(_("Details"))
        self.details.setPlaceholderText(_("For example the right phone number"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save report"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def reason(self) -> str | None:
        checked = self.reasons.checkedId()
        return CORRECTION_REASONS[checked] if checked >= 0 else None

    def _enable_save(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            self.reasons.checkedId() >= 0)

    def save(self) -> None:
        if self.reason() is None:
            return  # Save stays disabled until a reason is chosen
        text = self.details.toPlainText().strip()
        if self.reason() == "other" and not text:
            self.notice.setText(_("Please say what is wrong."))
            self.notice.show()
            self.details.setFocus()
            return
        self.saved = self.context.user_data.add_correction(
            self.org_id, self.org_name, self.reason(), text[:MAX_CORRECTION_LENGTH],
            self.context.directory.info().version)
        self.accept()
