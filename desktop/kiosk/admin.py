"""The admin's way in: a PIN pad behind the hidden gesture, then a small panel to exit the
kiosk, install a directory update from a USB stick, or roll the last one back."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.i18n import _, isolated, ngettext
from desktop.kiosk.pin import PinGate
from desktop.kiosk.update_folder import UpdateFolder

TAPS_NEEDED = 5
TAP_WINDOW_SECONDS = 3.0
UPDATE_SUFFIXES = (".db", ".zip", ".json")


class TapGesture(QObject):
    """Emits ``triggered`` after five presses on the watched widget within three seconds."""

    triggered = Signal()

    def __init__(self, widget: QWidget, *, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or widget)
        self._clock = clock
        self._taps: list[float] = []
        widget.installEventFilter(self)

    def tap(self) -> None:
        now = self._clock()
        self._taps = [t for t in self._taps if now - t <= TAP_WINDOW_SECONDS] + [now]
        if len(self._taps) >= TAPS_NEEDED:
            self._taps.clear()
            self.triggered.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A mouse's quick clicks arrive as double-clicks: each one is a tap too.
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
                            QEvent.Type.TouchBegin):
            self.tap()
        return False


class PinDialog(QDialog):
    """A touch keypad; the PIN goes through the rate-limited gate."""

    def __init__(self, gate: PinGate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPinDialog")
        self.setModal(True)
        self.gate = gate
        self.field = QLineEdit(self)
        self.field.setObjectName("pinField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.returnPressed.connect(self.submit)
        self.message = QLabel(self)
        self.message.setObjectName("pinMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        pad = QGridLayout()
        for index, digit in enumerate("123456789"):
            pad.addWidget(self._key(digit), index // 3, index % 3)
        self.cancel_button = self._key(_("Cancel"), self.reject)
        self.ok_button = self._key(_("OK"), self.submit)
        self.ok_button.setObjectName("pinOk")
        pad.addWidget(self.cancel_button, 3, 0)
        pad.addWidget(self._key("0"), 3, 1)
        pad.addWidget(self.ok_button, 3, 2)
        layout = QVBoxLayout(self)
        self.title = QLabel(_("Admin PIN"), self)
        layout.addWidget(self.title)
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        layout.addLayout(pad)
        # Keypads keep their shape in right-to-left languages.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setWindowTitle(_("Admin PIN"))

    def _key(self, label: str, slot: Callable[[], None] | None = None) -> QPushButton:
        button = QPushButton(label, self)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(72, 64)
        if slot is None:
            button.setObjectName(f"pin-{label}")
            button.clicked.connect(lambda _checked=False, d=label: self.field.insert(d))
        else:
            button.clicked.connect(slot)
        return button

    def submit(self) -> None:
        pin = self.field.text()
        self.field.clear()
        result = self.gate.attempt(pin)
        if result.accepted:
            self.accept()
            return
        if result.locked_for > 0:
            seconds = int(result.locked_for + 0.999)
            # Translators: %(n)d is the number of seconds (1 or more) the admin must wait before
            # trying the PIN again, e.g. 30. Shown under the PIN field on the admin keypad.
            self.message.setText(ngettext("Too many wrong PINs. Try again in %(n)d second.",
                                          "Too many wrong PINs. Try again in %(n)d seconds.",
                                          seconds) % {"n": seconds})
        else:
            self.message.setText(_("Wrong PIN."))


def removable_media_roots() -> list[Path]:
    """Where USB sticks are mounted on Linux, macOS and Windows."""
    user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    if sys.platform == "win32":
        return [Path(f"{letter}:/") for letter in "DEFGHIJKLMNOPQRSTUVWXYZ"
                if Path(f"{letter}:/").exists()]
    roots = [Path("/media") / user, Path("/run/media") / user, Path("/media"), Path("/mnt"),
             Path("/Volumes")]
    return [root for root in roots if root.is_dir()]


def find_update_files(roots: list[Path], depth: int = 2) -> Iterator[Path]:
    """Directory files on the given media, a couple of folders deep (quick on a stick)."""
    def walk(folder: Path, level: int) -> Iterator[Path]:
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_file() and entry.suffix.lower() in UPDATE_SUFFIXES:
                yield entry
            elif entry.is_dir() and level < depth:
                yield from walk(entry, level + 1)
    seen: set[Path] = set()
    for root in roots:
        for found in walk(root, 0):
            if found not in seen:
                seen.add(found)
                yield found


class AdminPanel(QDialog):
    """Exit, update from USB, roll back. ``directory_changed`` asks the kiosk to reopen the
    directory; ``exit_requested`` to leave kiosk mode."""

    directory_changed = Signal()
    exit_requested = Signal()

    def __init__(self, public_key: Path | None, parent: QWidget | None = None,
                 media_roots: list[Path] | None = None,
                 update_folder: UpdateFolder | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskAdminPanel")
        self.setModal(True)
        self.setWindowTitle(_("Kiosk administration"))
        self.public_key = public_key
        self.update_folder = update_folder
        self._roots = media_roots
        self.status = QLabel(self)
        self.status.setObjectName("adminStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.installEventFilter(self)
        self.files = QListWidget(self)
        self.files.setObjectName("updateFiles")
        self.path_field = QLineEdit(self)
        self.path_field.setObjectName("updatePath")
        self.path_field.setPlaceholderText(_("…or type the path of the update file"))
        self.files.currentTextChanged.connect(self.path_field.setText)
        # One above the other: side by side, three long labels in French or German do
        # not fit a 720 px panel, and the touch style lets a button shrink below its text.
        buttons = QVBoxLayout()
        self.scan_button = self._button(_("Look for updates on USB"), self.scan, buttons)
        self.apply_button = self._button(_("Install update"), self.apply, buttons)
        self.apply_button.setObjectName("applyUpdate")
        self.rollback_button = self._button(_("Roll back the last update"), self.rollback,
                                            buttons)
        self.rollback_button.setObjectName("rollbackUpdate")
        bottom = QHBoxLayout()
        self.exit_button = self._button(_("Exit kiosk mode"), self.exit_requested.emit, bottom)
        self.exit_button.setObjectName("exitKiosk")
        self.close_button = self._button(_("Back to the kiosk"), self.accept, bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.files, 1)
        layout.addWidget(self.path_field)
        layout.addLayout(buttons)
        layout.addLayout(bottom)
        self.resize(720, 600)
        self.show_current()
        QTimer.singleShot(0, self, self.scan)

    def _button(self, text: str, slot: Callable[[], object],
                row: QHBoxLayout | QVBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setMinimumHeight(56)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def show_current(self, note: str = "") -> None:
        from desktop.directory.database import open_active_directory

        lines = []
        try:
            directory, update_problem = open_active_directory()
        except UserError as error:  # not even the directory that came with the app opens
            lines.append(error.display_text())
        else:
            directory.close()
            # Translators: {path} is the path of the directory database file the app is using,
            # e.g. /var/lib/migrant-directory/directory.db. A line in the kiosk admin panel.
            lines.append(_("Directory in use: {path}").format(path=isolated(directory.path)))
            if update_problem is not None:
                # Translators: {problem} is an error message that begins with the path of
                # the update file, e.g. "/home/ana/…/directory.db: is not a sound directory: …".
                # The app then uses the directory that came with it. Kiosk admin panel and
                # command line.
                lines.append(_("The installed update cannot be used: {problem}").format(
                    problem=update_problem.display_text()))
        if self.public_key:
            # Translators: {key} is the path of the public key file that update signatures
            # are checked against, e.g. /etc/migrant-directory/update-key.pub.pem. Kiosk admin
            # panel.
            lines.append(_("Updates must be signed with {key}").format(
                key=isolated(self.public_key)))
        if self.update_folder is not None:
            # Translators: {folder} is the path of the folder the kiosk watches for directory
            # updates, e.g. /srv/updates. A line in the kiosk admin panel.
            lines.append(_("Update folder: {folder}").format(
                folder=isolated(self.update_folder.folder)))
            lines += [outcome.line() for outcome in self.update_folder.outcomes()[:5]]
        if note:
            lines.append(note)
        self.status.setText("\n".join(lines))
        self._fit_status()

    def _fit_status(self) -> None:
        # A word-wrapped label in a layout is given one line per paragraph: ask for the
        # height its text needs at the width it has, so no line is cut off.
        width = self.status.width()
        if width > 0:
            # QLabel never answers less than its minimum height: measure without it.
            self.status.setMinimumHeight(0)
            self.status.setMinimumHeight(self.status.heightForWidth(width))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.status and event.type() == QEvent.Type.Resize:
            self._fit_status()
        return super().eventFilter(watched, event)

    def scan(self) -> None:
        roots = self._roots if self._roots is not None else removable_media_roots()
        self.files.clear()
        for path in find_update_files(roots):
            self.files.addItem(str(path))
        if not self.files.count():
            self.show_current(_("No update file found on a USB stick."))

    def apply(self) -> None:
        from desktop.directory.update import apply_update

        text = self.path_field.text().strip()
        if not text:
            self.show_current(_("Choose an update file first."))
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = apply_update(Path(text), public_key=self.public_key)
        except UserError as error:
            # Translators: {reason} is an error message that usually begins with the path of the
            # update file, e.g. "/media/usb/directory.db: does not exist". Kiosk admin panel.
            self.show_current(_("Not installed: {reason}").format(reason=error.display_text()))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        # Translators: %(count)s is the number of organisations in the update just installed,
        # e.g. 375. The result fills {what} in "Installed: {what}.".
        installed = ngettext("%(count)s organisation", "%(count)s organisations",
                             result.organizations) % {"count": result.organizations}
        # Translators: {what} is a count with its noun, for example "375 organisations".
        self.show_current(_("Installed: {what}.").format(what=installed))
        self.directory_changed.emit()

    def rollback(self) -> None:
        from desktop.directory.update import rollback

        try:
            rollback()
        except UserError as error:
            # Translators: {reason} is an error message, sometimes beginning with a path, e.g.
            # "there is no update to roll back: …". Shown in the kiosk admin panel.
            self.show_current(_("Not rolled back: {reason}").format(reason=error.display_text()))
            return
        self.show_current(_("Rolled back to the previous directory."))
        self.directory_changed.emit()
