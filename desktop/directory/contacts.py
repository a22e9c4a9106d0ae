"""The rules a phone number, an e-mail address and a web address must meet.

Numbers are checked and stored with libphonenumber: a full number in E.164
("+46201601006"), a national short number (a helpline such as 116 111) as its digits.
They are shown in the country's own national format and dialled as ``tel:``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

# One @, something on each side, a dot in the domain, no spaces or angle brackets.
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*"
                    r"\.[A-Za-z]{2,}$")
_SHORT_NUMBER = re.compile(r"^[0-9][0-9 ]{1,7}$")


class ContactError(ValueError):
    """What is wrong with a contact detail, in words for the person who typed it."""


def normalized_phone(number: str, country: str) -> str:
    """E.164 for a full number, digits for a national short number; ContactError if
    the number is not valid for ``country`` (ISO 3166 alpha-2)."""
    text = number.strip()
    digits = text.replace(" ", "")
    if _SHORT_NUMBER.match(text) and digits.isdigit() and len(digits) <= 6:
        # A national short number (112, 116 111, 1522, 15900), taken as the cited page
        # publishes it: libphonenumber knows many but not all of them (Greece's 1107 and
        # 1056 are missing from its list), so its list cannot be the judge.
        return digits
    try:
        parsed = phonenumbers.parse(text, country)
    except NumberParseException:
        raise ContactError(f"'{number}' is not a phone number") from None
    if not phonenumbers.is_valid_number(parsed):
        raise ContactError(f"'{number}' is not a valid phone number in {country}")
    if phonenumbers.region_code_for_number(parsed) != country and not text.startswith("+"):
        raise ContactError(f"'{number}' is not a valid phone number in {country}")
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164)


def display_phone(stored: str, country: str = "") -> str:
    """How a stored number is shown: national format in its own country, international
    format elsewhere; anything that does not parse is shown as it is."""
    if not stored.startswith("+"):
        # National short numbers read in groups of three, as they are published (116 111).
        return f"{stored[:3]} {stored[3:]}" if len(stored) == 6 and stored.isdigit() else stored
    try:
        parsed = phonenumbers.parse(stored, None)
    except NumberParseException:
        return stored
    own = phonenumbers.region_code_for_number(parsed)
    style = (PhoneNumberFormat.NATIONAL if country and own == country
             else PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(parsed, style)


def dial_uri(stored: str) -> str:
    """A ``tel:`` URI (RFC 3966) for a stored number."""
    return "tel:" + re.sub(r"[^0-9+]", "", stored)


def check_email(address: str) -> str:
    text = address.strip()
    if not _EMAIL.match(text) or ".." in text:
        raise ContactError(f"'{address}' is not an e-mail address")
    return text


def check_web_address(url: str) -> str:
    """Only http and https: a directory never carries javascript:, file: or data: links."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in text:
        raise ContactError(f"'{url}' is not a web address (http:// or https://)")
    return text


def site_name(url: str) -> str:
    """The host of a web address without 'www.', as a short citation ("fcfp.se")."""
    host = (urlsplit(url).hostname or url).rstrip(".")
    return host.removeprefix("www.")


def short_page(url: str, limit: int = 48) -> str:
    """A page's address without scheme and "www.", cut to ``limit`` characters: enough to
    tell two pages of one site apart ("fcfp.se/om-oss")."""
    parts = urlsplit(url)
    text = (parts.hostname or "").rstrip(".").removeprefix("www.") + parts.path.rstrip("/")
    if parts.query:
        text += "?" + parts.query
    return text if len(text) <= limit else text[: limit - 1] + "…"
