"""Write db/sources/translations/<locale>.csv from the translation memory.

    python db/tools/make_translations.py [--sources db/sources]

The memory (``db/tools/translation_memory/*.toml``) pairs an English text with its
translations, side by side, so a translator reviews one meaning at a time:

    [[entry]]
    en = "Housing"
    ar = "سكن ومأوى"
    fr = "Logement"

Every translatable field of the sources (category name and description, organisation
description, service name and description) whose English text is in the memory gets a row,
with ``source_hash`` computed from the current English text. A text that is not in the
memory as a whole is translated sentence by sentence when every sentence is (this is how
the demo descriptions, built from fixed sentences, get translated). Rows already in the CSV
files that the memory does not produce (for example from ``i18n content-import``) are kept
as long as their record still exists. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import tomllib
from pathlib import Path

LOCALES = ("ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "ti", "so")
HEADER = ["table", "record_id", "field", "source_hash", "text", "status"]
TOOLS = Path(__file__).resolve().parent
Key = tuple[str, str, str]  # (table, record id, field)


def source_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def source_texts(sources: Path) -> dict[Key, str]:
    """Every translatable English text of the sources, by (table, record id, field)."""
    texts: dict[Key, str] = {}
    if (sources / "categories.toml").exists():  # db/demo has organisations only
        with (sources / "categories.toml").open("rb") as handle:
            for category in tomllib.load(handle)["category"]:
                for field in ("name", "description"):
                    texts[("taxonomy_term", category["id"], field)] = category[field].strip()
    for path in sorted((sources / "organizations").glob("*.toml")):
        with path.open("rb") as handle:
            for org in tomllib.load(handle)["organization"]:
                if org.get("description", "").strip():
                    texts[("organization", org["id"], "description")] = \
                        org["description"].strip()
                for service in org["service"]:
                    for field in ("name", "description"):
                        if service.get(field, "").strip():
                            texts[("service", service["id"], field)] = service[field].strip()
    return texts


def load_memory(folder: Path) -> dict[str, dict[str, str]]:
    memory: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            entries = tomllib.load(handle).get("entry", [])
        for number, entry in enumerate(entries, start=1):
            english = entry.get("en", "").strip()
            unknown = set(entry) - {"en", *LOCALES}
            if not english or unknown:
                raise SystemExit(f"{path}: entry {number}: needs 'en' and only locales "
                                 f"{', '.join(LOCALES)} (got {sorted(unknown)})")
            if english in memory:
                raise SystemExit(f"{path}: entry {number}: '{english[:40]}' is already "
                                 "in the memory")
            memory[english] = {k: v.strip() for k, v in entry.items() if k != "en"}
    return memory


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def translate(text: str, locale: str, memory: dict[str, dict[str, str]]) -> str | None:
    whole = memory.get(text, {}).get(locale)
    if whole:
        return whole
    sentences = _SENTENCE_END.split(text)
    if len(sentences) < 2:
        return None
    parts = [memory.get(sentence, {}).get(locale) for sentence in sentences]
    if not all(parts):
        return None
    return " ".join(p for p in parts if p)


def read_existing(path: Path) -> dict[Key, dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {(r["table"], r["record_id"], r["field"]): r for r in csv.DictReader(handle)}


def write_locale(path: Path, texts: dict[Key, str], memory: dict[str, dict[str, str]],
                 locale: str) -> tuple[int, int]:
    rows = {key: row for key, row in read_existing(path).items() if key in texts}
    made: set[Key] = set()
    for key, english in texts.items():
        translation = translate(english, locale, memory)
        if translation:
            rows[key] = {"table": key[0], "record_id": key[1], "field": key[2],
                         "source_hash": source_hash(english), "text": translation,
                         # machine-made from the memory: a draft until a fluent speaker
                         # has reviewed it
                         "status": rows.get(key, {}).get("status", "draft")}
            made.add(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        for key in sorted(rows):
            writer.writerow(rows[key])
    return len(made), len(rows) - len(made)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=TOOLS.parent / "sources")
    args = parser.parse_args(argv)
    texts = source_texts(args.sources)
    memory = load_memory(TOOLS / "translation_memory")
    for locale in LOCALES:
        made, kept = write_locale(args.sources / "translations" / f"{locale}.csv", texts,
                                  memory, locale)
        print(f"{locale}: {made} rows from the memory, {kept} other rows kept")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
