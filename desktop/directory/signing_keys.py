"""Ed25519 keys for signed offline updates, in the PEM files OpenSSL writes.

Inside those files an Ed25519 key has one fixed layout (RFC 8410): a public key is a
12-byte DER header and the 32-byte key; a private key is a 16-byte header and the
32-byte seed (or, as some tools write it, the same followed by the public key). So
reading one means checking a header, not parsing ASN.1, and signing needs only
libsodium (PyNaCl), not a whole X.509 library: that keeps about 10 MB of OpenSSL out of
the bundle. Keys made by earlier versions of the app and by
``openssl genpkey -algorithm ed25519`` are exactly these bytes.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

KEY_BYTES = 32
_PUBLIC_HEADER = bytes.fromhex("302a300506032b6570032100")
_PRIVATE_HEADER = bytes.fromhex("302e020100300506032b657004220420")
# PKCS #8 v2 (OneAsymmetricKey): the seed, then the public key after this marker.
_PRIVATE_V2_HEADER = bytes.fromhex("3051020101300506032b657004220420")
_PRIVATE_V2_PUBLIC_MARKER = bytes.fromhex("812100")
PUBLIC_LABEL = "PUBLIC KEY"
PRIVATE_LABEL = "PRIVATE KEY"
MAX_KEY_FILE_BYTES = 100_000  # a key file is a few hundred bytes


class NotPemError(ValueError):
    """The file holds no PEM block of the kind asked for."""


class NotEd25519Error(ValueError):
    """A PEM block of the right kind, but not an Ed25519 key."""


def read_key_file(path: Path) -> bytes:
    """The start of a key file, never more than a key could be (a path may name a device
    or a huge file by mistake); raises OSError."""
    with open(path, "rb") as handle:
        return handle.read(MAX_KEY_FILE_BYTES)


def _block(data: bytes, label: str) -> bytes:
    # Plain searches, not a regular expression: one with a lazy body between two markers
    # backtracks for minutes on a file of spaces with no end marker.
    text = data.decode("ascii", errors="replace")
    begin, end = f"-----BEGIN {label}-----", f"-----END {label}-----"
    start = text.find(begin)
    stop = text.find(end, start + len(begin)) if start >= 0 else -1
    if start < 0 or stop < 0:
        raise NotPemError(f"no '{begin}' block")
    try:
        return base64.b64decode("".join(text[start + len(begin):stop].split()),
                                validate=True)
    except (binascii.Error, ValueError):
        raise NotPemError(f"the {label} block is not base64") from None


def _pem(label: str, der: bytes) -> bytes:
    body = base64.b64encode(der).decode("ascii")
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----", ""]
                     ).encode("ascii")


def public_key_pem(key: bytes) -> bytes:
    return _pem(PUBLIC_LABEL, _PUBLIC_HEADER + key)


def private_key_pem(seed: bytes) -> bytes:
    return _pem(PRIVATE_LABEL, _PRIVATE_HEADER + seed)


def read_public_key(data: bytes) -> bytes:
    """The 32 key bytes of a ``PUBLIC KEY`` PEM; NotPemError or NotEd25519Error."""
    der = _block(data, PUBLIC_LABEL)
    if len(der) != len(_PUBLIC_HEADER) + KEY_BYTES or not der.startswith(_PUBLIC_HEADER):
        raise NotEd25519Error("not an Ed25519 public key")
    return der[len(_PUBLIC_HEADER):]


def read_private_key(data: bytes) -> tuple[bytes, bytes | None]:
    """The 32-byte seed of an unencrypted ``PRIVATE KEY`` PEM, and the public key the file
    also carries (``None`` when it carries none)."""
    der = _block(data, PRIVATE_LABEL)
    if len(der) == len(_PRIVATE_HEADER) + KEY_BYTES and der.startswith(_PRIVATE_HEADER):
        return der[len(_PRIVATE_HEADER):], None
    seed_end = len(_PRIVATE_V2_HEADER) + KEY_BYTES
    if (len(der) == seed_end + len(_PRIVATE_V2_PUBLIC_MARKER) + KEY_BYTES
            and der.startswith(_PRIVATE_V2_HEADER)
            and der[seed_end:seed_end + len(_PRIVATE_V2_PUBLIC_MARKER)]
            == _PRIVATE_V2_PUBLIC_MARKER):
        return der[len(_PRIVATE_V2_HEADER):seed_end], der[-KEY_BYTES:]
    raise NotEd25519Error("not an Ed25519 private key")
