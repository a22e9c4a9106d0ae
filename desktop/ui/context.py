"""What every screen needs, handed down from the main window instead of globals."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.directory.database import Directory
from desktop.userdata import UserData


@dataclass
class AppContext:
    directory: Directory
    user_data: UserData  # in kiosk mode an in-memory store: nothing reaches the disk
    kiosk: bool = False
    # Where the user is, for "nearest first" and distances (kiosk: the centre's location).
    location: tuple[float, float] | None = None
    # Country whose emergency numbers are shown and whose language the "show this card"
    # view uses next to the user's.
    country: str = "BE"
    city: str = ""  # the person's town, when known: entries there come first
    host_locale: str = "fr"
    printer_enabled: bool = True
