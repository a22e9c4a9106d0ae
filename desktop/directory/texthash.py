"""The hash that ties a translation to the source text it was made from.

Its own small module: opening a directory needs it, and reading the source files
(``desktop.directory.sources``, with TOML, CSV and UUID) need not be loaded for that.
"""

from __future__ import annotations


def source_hash(text: str) -> str:
    """Identifies the source text a translation was made from."""
    import hashlib  # loads OpenSSL: only once a translation is looked up

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
