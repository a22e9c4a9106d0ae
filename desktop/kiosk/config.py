"""The centre's configuration: one readable TOML file, checked key by key before anything
starts.

A kiosk nobody watches must never start half-configured, so every problem (bad syntax,
an unknown key, a wrong type, a value out of range) stops it with one message naming the
file and the key. No Qt here: the command line checks and edits the same file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.errors import UserError, reading
from desktop.files import write_atomically
from desktop.i18n import _
from desktop.i18n.locales import SHIPPED_LOCALES

CONFIG_FILE_NAME = "centre.toml"
DEFAULT_IDLE_TIMEOUT = 90
DEFAULT_COUNTDOWN = 15
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class KioskConfig:
    """Everything the kiosk reads from the centre's file (defaults for what it omits)."""

    path: Path | None = None
    kiosk: bool = True
    centre_name: str = ""
    # Used for "nearest first" and distances; None when the centre did not give one.
    location: tuple[float, float] | None = None
    country: str = "BE"
    host_language: str = "fr"
    # Offered on the welcome screen, in this order; the first is the language the kiosk
    # returns to after each visitor.
    languages: tuple[str, ...] = SHIPPED_LOCALES
    idle_timeout: int = DEFAULT_IDLE_TIMEOUT
    countdown: int = DEFAULT_COUNTDOWN
    printer: bool = False
    pin_hash: str = ""
    update_public_key: Path | None = None
    # A folder another tool keeps in sync (Syncthing, a shared drive): signed directories
    # that appear there are installed at the next idle reset.
    update_folder: Path | None = None
    # The language of the PIN pad and the admin panel: the centre's staff, not the last
    # visitor, read them ("" = the host language).
    admin_language: str = ""
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def staff_language(self) -> str:
        return self.admin_language or self.host_language

    @property
    def default_language(self) -> str:
        return self.languages[0]


def default_config_path() -> Path:
    """Where ``kiosk set-pin`` writes when no ``--config`` is given."""
    return paths.user_data_dir() / "kiosk" / CONFIG_FILE_NAME


def config_places() -> list[Path]:
    """Every place a centre config may be, in the order they are looked at: the user
    data folder, the user's config folder (where docs/kiosk.md puts it for the systemd
    unit), then the system's."""
    import os

    places = [default_config_path()]
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    places.append(Path(config_home) / "migrant-directory" / CONFIG_FILE_NAME)
    if os.name == "posix":
        places.append(Path("/etc/migrant-directory") / CONFIG_FILE_NAME)
    elif os.environ.get("PROGRAMDATA"):
        places.append(Path(os.environ["PROGRAMDATA"]) / "migrant-directory" /
                      CONFIG_FILE_NAME)
    return places


def find_config(given: Path | None) -> Path | None:
    """The one resolver of the centre config, for the kiosk, its admin panel and every
    command: the file named with ``--config``, else the first that exists."""
    if given is not None:
        return Path(given)
    return next((place for place in config_places() if place.exists()), None)


def update_keys(given: Path | None) -> list[Path]:
    """The update keys that any centre config on this machine names (the given one
    first): where one names a key, no command installs an unsigned update."""
    keys: list[Path] = []
    for place in dict.fromkeys([*([Path(given)] if given else []), *config_places()]):
        if place.exists():
            key = load_config(place).update_public_key
            if key is not None and key not in keys:
                keys.append(key)
    return keys


# -- validation ---------------------------------------------------------------------------

Check = Callable[[Any], str | None]  # returns a problem, or None when the value is fine


def _is_bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else _("must be true or false")


def _is_text(value: Any) -> str | None:
    if not isinstance(value, str):
        return _("must be text in quotes")
    return None if len(value) <= 200 else _("is too long (at most 200 characters)")


def _number_between(low: float, high: float) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return _("must be a number")
        if not low <= value <= high:
            # Translators: {low} and {high} are the smallest and largest allowed values, e.g. -90
            # and 90 (a latitude) or 15 and 3600 (seconds). This text fills {problem} in
            # "key '{key}' {problem}", so it follows the name of a setting.
            return _("must be between {low} and {high}").format(low=low, high=high)
        return None
    return check


def _whole_number_between(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return _("must be a whole number")
        if not low <= value <= high:
            # Translators: {low} and {high} are the smallest and largest allowed values, e.g. -90
            # and 90 (a latitude) or 15 and 3600 (seconds). This text fills {problem} in
            # "key '{key}' {problem}", so it follows the name of a setting.
            return _("must be between {low} and {high}").format(low=low, high=high)
        return None
    return check


def _is_country(value: Any) -> str | None:
    if not isinstance(value, str) or not _COUNTRY_RE.match(value):
        return _("must be a two-letter country code in capitals, such as \"BE\"")
    return None


def _is_language(value: Any) -> str | None:
    if not isinstance(value, str):
        return _("must be a language code in quotes, such as \"fr\"")
    if value not in SHIPPED_LOCALES:
        # Translators: {code} is the language code the centre wrote in its configuration
        # file, e.g. "de"; {codes} lists the codes the app knows, e.g. "en, ar, fa, ps, …".
        # This text fills {problem} in "key '{key}' {problem}".
        return _("\"{code}\" is not one of the app's languages ({codes})").format(
            code=value, codes=", ".join(SHIPPED_LOCALES))
    return None


def _is_language_list(value: Any) -> str | None:
    if not isinstance(value, list) or not value:
        return _("must be a list of language codes, such as [\"ar\", \"fr\", \"en\"]")
    for code in value:
        problem = _is_language(code)
        if problem:
            return problem
    if len(set(value)) != len(value):
        return _("lists a language twice")
    return None


def _is_pin_hash(value: Any) -> str | None:
    from desktop.kiosk.pin import parse_pin_hash

    if not isinstance(value, str):
        return _("must be text in quotes (written by 'migrant-directory kiosk set-pin')")
    if value == "":
        return None
    try:
        parse_pin_hash(value)
    except ValueError:
        return _("is not a PIN hash written by 'migrant-directory kiosk set-pin'; "
                 "run it again to set the PIN")
    return None


# Every key the file may hold: "table.key" -> check. Anything else is a mistake (a typo
# would otherwise silently leave a setting at its default on an unattended screen).
SPEC: dict[str, Check] = {
    "kiosk": _is_bool,
    "centre.name": _is_text,
    "centre.latitude": _number_between(-90, 90),
    "centre.longitude": _number_between(-180, 180),
    "centre.country": _is_country,
    "centre.host_language": _is_language,
    "languages.offered": _is_language_list,
    "session.idle_timeout": _whole_number_between(15, 3600),
    "session.countdown": _whole_number_between(3, 120),
    "printer.enabled": _is_bool,
    "admin.pin_hash": _is_pin_hash,
    "admin.update_public_key": _is_text,
    "admin.update_folder": _is_text,
    "admin.language": _is_language,
}


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        is_table = isinstance(value, dict)
        if is_table and any(k.startswith(f"{name}.") for k in SPEC):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def parse_config(text: str, path: Path) -> KioskConfig:
    """The config in ``text`` (read from ``path``), or UserError naming the key at fault."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # Translators: {error} is the TOML reader's message in English, e.g. "Expected '='
        # after a key in a key/value pair (at line 1, column 3)". The configuration file's
        # path is shown before this message.
        raise UserError(_("is not valid TOML: {error}").format(error=error), path=path) from None
    values = _flatten(data)
    for key, value in values.items():
        check = SPEC.get(key)
        if check is None:
            known = ", ".join(sorted(SPEC))
            # Translators: {key} is a setting name as written in the configuration file, e.g.
            # the misspelt "session.idle_timout"; {known} lists the valid names, e.g.
            # "admin.language, centre.country, …". The file's path is shown before.
            raise UserError(_("unknown key '{key}' (known keys: {known})").format(
                key=key, known=known), path=path)
        problem = check(value)
        if problem:
            # Translators: {key} is a setting name from the configuration file, e.g.
            # "session.countdown"; {problem} is one of this file's other messages, e.g. "must be
            # true or false" or "must be between 3 and 120". The file's path is shown before.
            raise UserError(_("key '{key}' {problem}").format(key=key, problem=problem),
                            path=path)
    has_lat, has_lon = "centre.latitude" in values, "centre.longitude" in values
    if has_lat != has_lon:
        missing = "centre.longitude" if has_lat else "centre.latitude"
        # Translators: {key} is "centre.latitude" or "centre.longitude", the setting that is
        # missing from the configuration file. The file's path is shown before this message.
        raise UserError(_("key '{key}' is missing: give both latitude and longitude, or "
                          "neither").format(key=missing), path=path)
    timeout = values.get("session.idle_timeout", DEFAULT_IDLE_TIMEOUT)
    countdown = values.get("session.countdown", DEFAULT_COUNTDOWN)
    if countdown >= timeout:
        # Translators: {countdown} and {timeout} are numbers of seconds from the configuration
        # file, e.g. 15 and 90; "s" is the symbol for seconds. The file's path is shown before.
        raise UserError(_("key 'session.countdown' ({countdown} s) must be shorter than "
                          "'session.idle_timeout' ({timeout} s)").format(
                              countdown=countdown, timeout=timeout), path=path)
    key_path: Path | None = None
    if values.get("admin.update_public_key"):
        # A relative key path is relative to the config file, so a centre can keep both
        # in one folder and move it around.
        key_path = (path.parent / values["admin.update_public_key"]).resolve()
        if not key_path.is_file():
            # Translators: {key_file} is the full path of the key file the configuration names,
            # e.g. /etc/migrant-directory/update-key.pub.pem. The configuration file's path is
            # shown before this message.
            raise UserError(_("key 'admin.update_public_key': the file {key_file} does not "
                              "exist").format(key_file=key_path), path=path)
        _check_public_key(key_path, path)
    folder: Path | None = None
    if values.get("admin.update_folder"):
        if key_path is None:
            raise UserError(_("key 'admin.update_folder' needs 'admin.update_public_key': "
                              "files from a shared folder are installed only when signed"),
                            path=path)
        folder = (path.parent / values["admin.update_folder"]).resolve()
        if not folder.is_dir():
            # Translators: {folder} is the full path of the update folder the configuration
            # names, e.g. /srv/updates. The configuration file's path is shown before this message.
            raise UserError(_("key 'admin.update_folder': the folder {folder} does not "
                              "exist").format(folder=folder), path=path)
    location = None
    if has_lat:
        location = (float(values["centre.latitude"]), float(values["centre.longitude"]))
    return KioskConfig(
        path=path,
        kiosk=values.get("kiosk", True),
        centre_name=values.get("centre.name", ""),
        location=location,
        country=values.get("centre.country", KioskConfig.country),
        host_language=values.get("centre.host_language", KioskConfig.host_language),
        languages=tuple(values.get("languages.offered", SHIPPED_LOCALES)),
        idle_timeout=timeout,
        countdown=countdown,
        printer=values.get("printer.enabled", False),
        pin_hash=values.get("admin.pin_hash", ""),
        update_public_key=key_path,
        update_folder=folder,
        admin_language=values.get("admin.language", ""),
    )


def _check_public_key(key_path: Path, config_path: Path) -> None:
    """The key must be an Ed25519 public key in PEM, or no update could ever be checked
    (``update_public_key = "/etc/passwd"`` is refused, not trusted)."""
    from desktop.directory.signing_keys import read_key_file, read_public_key

    try:
        read_public_key(read_key_file(key_path))
    except (ValueError, OSError):
        # Translators: {key_file} is the full path of the key file the configuration names,
        # e.g. /etc/passwd. The configuration file's path is shown before this message.
        raise UserError(_("key 'admin.update_public_key': {key_file} is not an Ed25519 "
                          "public key (make one with 'migrant-directory update keygen')"
                          ).format(key_file=key_path), path=config_path) from None


def load_config(path: Path) -> KioskConfig:
    path = Path(path)
    with reading(path, _("is a folder, not a configuration file")):
        raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(_("is not UTF-8 text; save it as UTF-8"), path=path) from None
    return parse_config(text, path)


# -- writing the PIN ------------------------------------------------------------------------

_SECTION_RE = re.compile(r"^\s*\[([^\]]+)\]\s*(#.*)?$")
_PIN_RE = re.compile(r"^\s*pin_hash\s*=")


def _with_pin_hash(text: str, pin_hash: str) -> str:
    """``text`` with ``[admin] pin_hash`` set, everything else (comments too) kept."""
    line = f'pin_hash = "{pin_hash}"'
    lines = text.splitlines()
    section = ""
    admin_header = None
    for index, current in enumerate(lines):
        match = _SECTION_RE.match(current)
        if match:
            section = match.group(1).strip()
            if section == "admin":
                admin_header = index
            continue
        if section == "admin" and _PIN_RE.match(current):
            lines[index] = line
            return "\n".join(lines) + "\n"
    if admin_header is not None:
        lines.insert(admin_header + 1, line)
        return "\n".join(lines) + "\n"
    body = "\n".join(lines).rstrip("\n")
    return (body + "\n\n" if body else "") + "[admin]\n" + line + "\n"


def write_pin_hash(path: Path, pin_hash: str) -> None:
    """Store ``pin_hash`` in the config at ``path`` (created if missing), atomically.

    The file is checked before and after: a broken config is reported, not overwritten.
    """
    path = Path(path)
    text = ""
    if path.exists():
        load_config(path)  # refuse to edit a file that is already broken
        text = path.read_text(encoding="utf-8-sig")
    new_text = _with_pin_hash(text, pin_hash)
    written = parse_config(new_text, path)
    if written.pin_hash != pin_hash:  # the edit must land where the kiosk reads it
        raise UserError(_("could not set the PIN: the [admin] table is written in a way "
                          "this tool cannot edit; set 'pin_hash' by hand"), path=path)
    write_atomically(path, new_text)
