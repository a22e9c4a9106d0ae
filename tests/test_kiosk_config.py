"""A centre admin writes the kiosk's config and sets its PIN; every mistake in the file is
named, key by key, and the kiosk refuses to start half-configured."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.errors import UserError
from desktop.kiosk.config import KioskConfig, load_config, parse_config, write_pin_hash
from desktop.kiosk.pin import FIRST_LOCKOUT_SECONDS, PinGate, hash_pin, verify_pin
from tests.kiosk_helpers import CENTRE_TOML, TEST_PIN, TEST_PIN_HASH, FakeClock, write_config

EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "kiosk" / "centre.toml"


def test_the_example_config_shipped_for_centres_is_valid() -> None:
    config = load_config(EXAMPLE)
    assert config.kiosk
    assert config.idle_timeout == 90
    assert config.location is not None


def test_a_complete_config_is_read_key_by_key(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path))
    assert config.centre_name == "Maison des Migrants, Liège"
    assert config.location == (50.6326, 5.5797)
    assert config.languages == ("fr", "ar", "ti", "en", "uk", "ps")
    assert config.default_language == "fr"
    assert config.printer is True
    assert verify_pin(TEST_PIN, config.pin_hash)


def test_an_empty_config_means_the_defaults(tmp_path: Path) -> None:
    config = parse_config("", tmp_path / "centre.toml")
    assert config.idle_timeout == KioskConfig.idle_timeout == 90
    assert config.location is None and config.pin_hash == ""


@pytest.mark.parametrize(("text", "message"), [
    ("kiosk = tru\n", "is not valid TOML"),
    ("[centre]\nnmae = \"Typo\"\n", "unknown key 'centre.nmae'"),
    ("colour = \"blue\"\n", "unknown key 'colour'"),
    ("[session]\nidle_timeout = \"90\"\n", "key 'session.idle_timeout' must be a whole number"),
    ("[session]\nidle_timeout = 5\n", "key 'session.idle_timeout' must be between 15"),
    ("[centre]\nlatitude = 95.0\nlongitude = 4.0\n", "key 'centre.latitude' must be between"),
    ("[centre]\nlatitude = 50.0\n", "key 'centre.longitude' is missing"),
    ("[centre]\ncountry = \"Belgium\"\n", "key 'centre.country' must be a two-letter"),
    ("[languages]\noffered = [\"ar\", \"xx\"]\n", "\"xx\" is not one of the app's languages"),
    ("[languages]\noffered = []\n", "key 'languages.offered' must be a list"),
    ("[printer]\nenabled = \"yes\"\n", "key 'printer.enabled' must be true or false"),
    ("[admin]\npin_hash = \"1234\"\n", "key 'admin.pin_hash' is not a PIN hash"),
    ("[admin]\nupdate_public_key = \"missing.pem\"\n", "does not exist"),
    ("[session]\nidle_timeout = 30\ncountdown = 40\n", "must be shorter than"),
])
def test_a_broken_config_names_the_file_and_the_key(tmp_path: Path, text: str,
                                                   message: str) -> None:
    path = write_config(tmp_path, text)
    with pytest.raises(UserError, match=message) as caught:
        load_config(path)
    assert str(path) in str(caught.value)


@pytest.mark.gui
def test_the_kiosk_does_not_start_with_a_broken_config(
        tmp_path: Path, built_directory: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_config(tmp_path, CENTRE_TOML.replace("idle_timeout = 90",
                                                      "idle_timeout = 9"))
    code = main(["--kiosk", "--config", str(path), "--directory", str(built_directory)])
    err = capsys.readouterr().err
    assert code == 2
    assert str(path) in err and "session.idle_timeout" in err and "Traceback" not in err


@pytest.mark.gui
def test_the_kiosk_does_not_start_without_an_admin_pin(
        tmp_path: Path, built_directory: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_config(tmp_path, "kiosk = true\n")
    code = main(["--config", str(path), "--directory", str(built_directory)])
    assert code == 2
    assert "admin.pin_hash" in capsys.readouterr().err


def test_set_pin_writes_a_salted_scrypt_hash_and_keeps_the_rest_of_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_config(tmp_path, "# Our centre\nkiosk = true\n\n[admin]\n"
                                  "# keep this comment\npin_hash = \"\"\n")
    monkeypatch.setattr("sys.stdin", io.StringIO("975310\n"))

    assert main(["kiosk", "set-pin", "--config", str(path)]) == 0

    text = path.read_text(encoding="utf-8")
    assert "# Our centre" in text and "# keep this comment" in text
    assert "975310" not in text
    stored = load_config(path).pin_hash
    assert stored.startswith("scrypt$") and verify_pin("975310", stored)
    assert not verify_pin("975311", stored)


def test_a_centres_existing_pin_hash_keeps_opening_the_admin_screen() -> None:
    """A known answer (scrypt of 482193 with this salt): configs already written by
    'kiosk set-pin' must keep working whatever computes scrypt."""
    earlier = ("scrypt$n=16384,r=8,p=1$Y2VudHJlLXNhbHQtMDAwMQ==$"
               "7Ks5yPRbvL3NJ1MIyFcy/CbcL2qAtN+AaSn8XT3ctcw=")
    assert verify_pin("482193", earlier)
    assert not verify_pin("482194", earlier)


@pytest.mark.parametrize("params", [
    "n=1048576,r=64,p=1",  # 8 GiB of working memory
    "n=65536,r=1,p=1",     # little memory, but past what scrypt allows for r=1
])
def test_a_pin_hash_scrypt_cannot_check_is_refused_when_the_config_is_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], params: str) -> None:
    """A hand-edited hash the PIN pad could never check: refused at start-up, so the kiosk
    never runs with an admin screen that fails when the PIN is typed."""
    hostile = (f"scrypt${params}$Y2VudHJlLXNhbHQtMDAwMQ==$"
               "7Ks5yPRbvL3NJ1MIyFcy/CbcL2qAtN+AaSn8XT3ctcw=")
    path = write_config(tmp_path, f'kiosk = true\n[admin]\npin_hash = "{hostile}"\n')

    assert main(["kiosk", "check-config", str(path)]) == 2

    assert "admin.pin_hash" in capsys.readouterr().err
    assert not verify_pin("482193", hostile)


def test_the_same_pin_hashes_differently_each_time() -> None:
    assert hash_pin("1234", n=2**4) != hash_pin("1234", n=2**4)


def test_set_pin_creates_the_config_when_there_is_none(tmp_path: Path) -> None:
    path = tmp_path / "new" / "centre.toml"
    write_pin_hash(path, TEST_PIN_HASH)
    assert load_config(path).pin_hash == TEST_PIN_HASH


@pytest.mark.parametrize("pin", ["12", "12ab", "١٢٣٤", "1234567890123"])
def test_set_pin_refuses_a_pin_that_cannot_be_typed_on_the_pad(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pin: str) -> None:
    path = write_config(tmp_path, "kiosk = true\n")
    monkeypatch.setattr("sys.stdin", io.StringIO(pin + "\n"))
    assert main(["kiosk", "set-pin", "--config", str(path)]) == 2
    assert path.read_text(encoding="utf-8") == "kiosk = true\n"


def test_set_pin_does_not_touch_a_broken_config(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_config(tmp_path, "kiosk = maybe\n")
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["kiosk", "set-pin", "--config", str(path)]) == 2
    assert path.read_text(encoding="utf-8") == "kiosk = maybe\n"


def test_check_config_reports_a_missing_pin(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = write_config(tmp_path, "kiosk = true\n")
    assert main(["kiosk", "check-config", str(path)]) == 1
    assert "set-pin" in capsys.readouterr().out
    assert main(["kiosk", "check-config", str(write_config(tmp_path))]) == 0


def test_wrong_pins_lock_the_pad_for_longer_and_longer() -> None:
    clock = FakeClock()
    gate = PinGate(TEST_PIN_HASH, clock=clock)

    assert not gate.attempt("0000").accepted
    assert not gate.attempt("1111").accepted
    third = gate.attempt("2222")
    assert third.locked_for == FIRST_LOCKOUT_SECONDS

    # Even the right PIN is not checked while locked.
    assert not gate.attempt(TEST_PIN).accepted
    clock.advance(FIRST_LOCKOUT_SECONDS)
    fourth = gate.attempt("3333")
    assert fourth.locked_for == 2 * FIRST_LOCKOUT_SECONDS

    clock.advance(2 * FIRST_LOCKOUT_SECONDS)
    assert gate.attempt(TEST_PIN).accepted
    assert gate.failures == 0


def test_no_pin_opens_a_gate_without_a_hash() -> None:
    gate = PinGate("")
    assert not gate.attempt("").accepted
    assert not gate.attempt("0000").accepted
