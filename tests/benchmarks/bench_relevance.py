"""Does search find what people mean? A judged set of queries in all eleven languages.

    python -m tests.benchmarks relevance [--synthetic 100000]

The set is made from the directory's own data by fixed rules, so it can be rerun and
grown, and each query carries what a right answer is:
- everyday words, 24 per language from its search-words file (`db/sources/vocabulary`),
  spread over the categories: right when the first result's main purpose is that
  category and at least two of the first three offer it;
- the same words misspelt, one edit (a dropped, doubled or swapped letter) for words of
  4–7 letters and two for longer ones, 8 per language: right as above;
- town names (every town with at least three entries): right when the first result and
  at least two of the first three are in that town;
- organisation names (one per country and kind, the first two words of the name, or the
  whole name when two words begin another name too): right when that organisation is
  among the first three.
Success at 3 is reported per language and overall, with the queries that found nothing.
Targets (issue 12): ≥ 95 % overall, ≥ 90 % in every language, ≥ 90 % of misspelt
queries, 0 with no result.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from desktop import paths
from desktop.directory.build import build_directory
from desktop.directory.database import Directory
from desktop.directory.search import SearchRequest
from desktop.directory.search_words import read_search_words
from desktop.directory.textfold import fold
from desktop.directory.vocabulary import long_enough

OUT = Path(__file__).resolve().parents[2] / "bench-out"
LOCALES = ("en", "ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "ti", "so")
WORDS_PER_LANGUAGE = 24
TYPOS_PER_LANGUAGE = 8
TARGETS = {"overall": 95.0, "each language": 90.0, "misspelt": 90.0}


@dataclass(frozen=True)
class Judged:
    text: str
    group: str        # language code, "places" or "names"
    kind: str         # "word", "typo", "place", "name"
    expected: str     # categories (space-separated), town, or organisation id


def misspell(word: str, rng: random.Random) -> str:
    edits = 1 if len(word) < 8 else 2
    letters = list(word)
    for _ in range(edits):
        position = rng.randrange(1, len(letters) - 1)
        choice = rng.choice(("drop", "double", "swap"))
        if choice == "drop":
            del letters[position]
        elif choice == "double":
            letters.insert(position, letters[position])
        else:
            letters[position], letters[position + 1] = letters[position + 1], letters[position]
    return "".join(letters)


def judged_set(conn: sqlite3.Connection, seed: int = 7) -> list[Judged]:
    rng = random.Random(seed)
    queries: list[Judged] = []
    folder = paths.sources_dir() / "vocabulary"
    present = {code for (code,) in conn.execute("SELECT DISTINCT main_category FROM search_doc")}
    # A word listed under several categories, in any language's file, is right for any
    # of them: "مهاجرت" is migration law to one reader and community to another.
    listed_under: dict[str, set[str]] = defaultdict(set)
    files = {locale: read_search_words(folder / f"{locale}.toml") for locale in LOCALES}
    for words in files.values():
        for code, listed in words.categories.items():
            for w in listed:
                listed_under[fold(w)].add(code)
    for locale in LOCALES:
        own = {w.lower() for listed in files[locale].categories.values() for w in listed}
        pool = sorted((w, " ".join(sorted(listed_under[fold(w)] & present))) for w in own
                      if listed_under[fold(w)] & present and long_enough(w) and w.isalpha())
        rng.shuffle(pool)
        chosen = pool[:WORDS_PER_LANGUAGE]
        queries += [Judged(w, locale, "word", code) for w, code in chosen]
        long_words = [(w, c) for w, c in chosen if len(w) >= 5][:TYPOS_PER_LANGUAGE]
        queries += [Judged(misspell(w, rng), locale, "typo", c) for w, c in long_words]
    for (city,) in conn.execute("SELECT city FROM search_doc WHERE city != '' GROUP BY city "
                                "HAVING count(*) >= 3 ORDER BY city"):
        queries.append(Judged(city, "places", "place", city))
    for org_id, name in conn.execute(
            "SELECT organization_id, min(name) FROM search_doc GROUP BY country, kind"):
        short = " ".join(name.split()[:2])
        shared = conn.execute("SELECT count(*) FROM (SELECT 1 FROM search_doc WHERE name "
                              "LIKE ? LIMIT 2)", (short + "%",)).fetchone()[0]
        queries.append(Judged(short if shared == 1 else name, "names", "name", org_id))
    return queries


def is_right(directory: Directory, query: Judged) -> tuple[bool, bool]:
    """(right at 3, found anything)"""
    rows = directory.search(SearchRequest(query.text), limit=3).rows
    if not rows:
        return False, False
    if query.kind == "name":
        return query.expected in [r.organization_id for r in rows], True
    if query.kind == "place":
        # An entry with an office in the town counts, not only one whose first office it is.
        in_town = [r.city == query.expected or directory.conn.execute(
            "SELECT 1 FROM location l JOIN address a ON a.location_id = l.id "
            "WHERE l.organization_id = ? AND a.city = ?",
            (r.organization_id, query.expected)).fetchone() is not None for r in rows]
        return in_town[0] and sum(in_town) >= min(2, len(rows)), True
    expected = set(query.expected.split())
    main = directory.conn.execute("SELECT main_category FROM search_doc WHERE rowid = ?",
                                  (rows[0].rowid,)).fetchone()[0]
    offers = [bool(expected & set(r.categories)) for r in rows]
    return main in expected and sum(offers) >= min(2, len(rows)), True


def evaluate(path: Path, label: str) -> tuple[list[str], bool]:
    with Directory(path) as directory:
        queries = judged_set(directory.conn)
        per_group: dict[str, list[bool]] = defaultdict(list)
        typos: list[bool] = []
        nothing: list[str] = []
        for query in queries:
            right, found = is_right(directory, query)
            per_group[query.group].append(right)
            if query.kind == "typo":
                typos.append(right)
            if not found:
                nothing.append(query.text)
    share = {group: 100 * sum(r) / len(r) for group, r in per_group.items()}
    overall = 100 * sum(sum(r) for r in per_group.values()) / len(queries)
    typo_share = 100 * sum(typos) / len(typos) if typos else 100.0
    lines = [f"{label}: {len(queries)} judged queries"]
    lines += ["| group | queries | success at 3 |", "|---|---:|---:|"]
    for group in (*LOCALES, "places", "names"):
        if group in per_group:
            lines.append(f"| {group} | {len(per_group[group])} | {share[group]:.1f} % |")
    lines.append(f"| misspelt (all languages) | {len(typos)} | {typo_share:.1f} % |")
    lines.append(f"| **overall** | {len(queries)} | **{overall:.1f} %** |")
    lines.append(f"queries with no result: {len(nothing)}"
                 + (f" ({', '.join(nothing[:12])}{' …' if len(nothing) > 12 else ''})"
                    if nothing else ""))
    languages = [share[g] for g in LOCALES if g in share]
    met = (overall >= TARGETS["overall"] and min(languages) >= TARGETS["each language"]
           and typo_share >= TARGETS["misspelt"] and not nothing)
    lines.append("targets (≥ 95 % overall, ≥ 90 % per language and misspelt, 0 empty): "
                 + ("met" if met else "MISSED"))
    return lines, met


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks relevance")
    parser.add_argument("--synthetic", type=int, default=0,
                        help="also judge a synthetic directory of this many organisations")
    args = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    embedded = OUT / "embedded.db"
    build_directory(paths.sources_dir(), embedded)
    all_met = True
    lines, met = evaluate(embedded, "the embedded directory")
    all_met &= met
    print("\n".join(lines), flush=True)
    if args.synthetic:
        from desktop.directory.synth import synthesise_directory

        synthetic = OUT / f"synth-{args.synthetic}.db"
        if not synthetic.exists():
            synthesise_directory(args.synthetic, synthetic)
        lines, met = evaluate(synthetic, f"a synthetic directory of {args.synthetic:,}")
        all_met &= met
        print("\n".join(lines))
    return 0 if all_met else 1


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
