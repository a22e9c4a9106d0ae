"""The admin PIN: a salted scrypt hash in the centre's config, and a gate that makes
guessing slow.

A PIN is short, so the hash alone cannot protect it against someone with the file; what
protects the kiosk is that guesses at the screen are rate-limited with an exponential
lockout. The clock is injected so tests never sleep.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop.i18n import _

PIN_MIN_LENGTH = 4
PIN_MAX_LENGTH = 12
# scrypt cost: 2**14 x 8 x 1 takes ~16 MB and tens of milliseconds — noticeable to an
# attacker with the config file, invisible to an admin typing the PIN.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
# The most memory a stored hash may ask scrypt for (OpenSSL's default limit); the cost
# above needs 16 MiB.
SCRYPT_MAX_MEMORY = 32 * 1024 * 1024
_PREFIX = "scrypt"

FREE_ATTEMPTS = 3           # mistyped PINs happen; lock only after these
FIRST_LOCKOUT_SECONDS = 30
MAX_LOCKOUT_SECONDS = 15 * 60


def check_pin_format(pin: str) -> str | None:
    """Why ``pin`` cannot be used, or None. Digits only: it is typed on a touch keypad."""
    if not pin.isascii() or not pin.isdigit():
        return _("the PIN must be digits only")
    if not PIN_MIN_LENGTH <= len(pin) <= PIN_MAX_LENGTH:
        # Translators: {low} and {high} are the shortest and longest PIN lengths allowed,
        # now 4 and 12. Shown on the command line, followed by "; nothing was changed".
        return _("the PIN must have {low} to {high} digits").format(
            low=PIN_MIN_LENGTH, high=PIN_MAX_LENGTH)
    return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    # OpenSSL counts a little more than the working memory parse_pin_hash limits.
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=SCRYPT_MAX_MEMORY + 1024 * 1024, dklen=dklen)


def hash_pin(pin: str, *, salt: bytes | None = None, n: int = SCRYPT_N, r: int = SCRYPT_R,
             p: int = SCRYPT_P) -> str:
    """``scrypt$n=…,r=…,p=…$<salt>$<hash>``: the parameters travel with the hash so they
    can be raised later without breaking existing configs."""
    salt = salt if salt is not None else os.urandom(16)
    digest = _scrypt(pin, salt, n, r, p, 32)
    return f"{_PREFIX}$n={n},r={r},p={p}${_b64(salt)}${_b64(digest)}"


@dataclass(frozen=True)
class PinHash:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def parse_pin_hash(stored: str) -> PinHash:
    """Raises ValueError for anything ``hash_pin`` did not write."""
    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != _PREFIX:
        raise ValueError("not a scrypt PIN hash")
    try:
        params = dict(item.split("=", 1) for item in parts[1].split(","))
        n, r, p = int(params["n"]), int(params["r"]), int(params["p"])
        salt = base64.b64decode(parts[2], validate=True)
        digest = base64.b64decode(parts[3], validate=True)
    except (KeyError, ValueError) as error:
        raise ValueError(f"malformed PIN hash: {error}") from None
    if n < 2 or n & (n - 1) or not 1 <= r <= 64 or not 1 <= p <= 16:
        raise ValueError("scrypt parameters out of range")
    if 128 * r * (n + p) > SCRYPT_MAX_MEMORY:  # scrypt's working memory
        raise ValueError("scrypt parameters need more than 32 MiB of memory")
    if n >= 1 << (16 * r):  # RFC 7914 requires N < 2^(128·r/8); OpenSSL refuses the rest
        raise ValueError("scrypt parameters out of range")
    if len(salt) < 8 or len(digest) != 32:
        raise ValueError("salt or hash has the wrong length")
    return PinHash(n, r, p, salt, digest)


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches ``stored``; a missing or malformed hash matches nothing."""
    try:
        parsed = parse_pin_hash(stored)
    except ValueError:
        return False
    try:
        digest = _scrypt(pin, parsed.salt, parsed.n, parsed.r, parsed.p, len(parsed.digest))
    except ValueError:  # parameters the parser let through but scrypt refuses: no match
        return False
    return hmac.compare_digest(digest, parsed.digest)


@dataclass(frozen=True)
class Attempt:
    accepted: bool
    locked_for: float = 0.0   # seconds before the next attempt is taken (0: not locked)


class PinGate:
    """Checks PINs, locking out for 30 s, 60 s, 120 s … (at most 15 min) after the third
    wrong one in a row. Held in memory only: nothing a visitor does reaches the disk."""

    def __init__(self, pin_hash: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._pin_hash = pin_hash
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0

    @property
    def failures(self) -> int:
        return self._failures

    def locked_for(self) -> float:
        return max(0.0, self._locked_until - self._clock())

    def attempt(self, pin: str) -> Attempt:
        remaining = self.locked_for()
        if remaining > 0:
            # While locked, the PIN is not even checked: a right guess would tell.
            return Attempt(False, remaining)
        if self._pin_hash and verify_pin(pin, self._pin_hash):
            self._failures = 0
            return Attempt(True)
        self._failures += 1
        if self._failures >= FREE_ATTEMPTS:
            lockout = min(MAX_LOCKOUT_SECONDS,
                          FIRST_LOCKOUT_SECONDS * 2 ** (self._failures - FREE_ATTEMPTS))
            self._locked_until = self._clock() + lockout
            return Attempt(False, float(lockout))
        return Attempt(False)
