"""Search latency on a synthetic directory, side by side with two simpler ways to search.

    python -m tests.benchmarks search [--sizes 100000,1000000] [--rebuild]

For each size: the time to build the directory, its size against the raw text it holds,
and p50/p95 latency of 200+ typed prefixes and words in several languages with
(a) this app's FTS5 search, (b) a naive ``LIKE '%…%'`` scan over the same text and
(c) sqlite-utils' own ``Table.search`` over a plain FTS table of the same text.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import sqlite_utils

from desktop.directory.database import Directory
from desktop.directory.search import SearchRequest
from desktop.directory.synth import synthesise_directory

OUT = Path(__file__).resolve().parents[2] / "bench-out"
TARGET_P95_MS = {100_000: 5.0, 1_000_000: 30.0}
TARGET_BUILD_S = {100_000: 30.0}
HSDS_TABLES = ("organization", "service", "location", "service_at_location", "address", "phone",
               "schedule", "language", "attribute", "taxonomy", "taxonomy_term",
               "translations", "media_detail", "community_served", "emergency_number")

WORDS = [
    # English, typed letter by letter and whole
    "hou", "hous", "housi", "housing", "leg", "legal", "lega", "job", "jobs", "work", "wor",
    "union", "uni", "unio", "radio", "rad", "health", "heal", "clinic", "lang", "language",
    "class", "classes", "asylum", "asy", "permit", "rent", "tenan", "tenancy", "advice",
    "adv", "free", "women", "youth", "famil", "family", "mental", "interpret", "cv",
    "training", "train", "mentor", "news", "community", "commu", "centre", "cent", "help",
    "workers", "rights", "papers", "network", "neighbourhood", "welcome", "homework",
    # French, Spanish, Portuguese
    "logement", "loge", "droit", "syndicat", "synd", "association", "assoc", "emploi",
    "cours", "juridique", "jurid", "vivienda", "vivi", "sindicato", "sindi", "trabajo",
    "trabajadores", "ayuda", "asesoría", "asesoria", "idioma", "moradia", "imigrantes",
    "acolhimento", "formação", "formacao", "apoio", "casa", "centro", "rede", "red",
    # Arabic, Persian
    "سكن", "سك", "عربي", "عر", "مساعدة", "مسا", "جمعية", "جمع", "المهاجرين", "مهاجر",
    "قانونية", "عمل", "دروس", "لغة", "مركز", "مرك", "انجمن", "مهاجران", "کار", "مسکن",
    "خانه", "کمک",
    # Russian, Ukrainian
    "центр", "цен", "помощь", "мигрантов", "миг", "жиль", "громада", "гром", "допомога",
    "допо", "українців", "радио",
    # Tigrinya, Somali
    "ማሕበር", "ማእከል", "ስደተኛታት", "ሰራሕተኛታት", "ururka", "urur", "xarunta", "xaru",
    "bulshada", "qaxootiga", "shaqaalaha", "shaqo", "caawimaad",
    # places and languages, in several languages
    "sao paulo", "são paulo", "sao", "paulo", "brussels", "bruss", "berlin", "berl",
    "stockholm", "stock", "madrid", "athína", "athina", "lisboa", "lisb", "kuala",
    "kuala lumpur", "sydney", "melbourne", "johannesburg", "beograd", "vilnius", "maputo",
    "praia", "marseille", "köln", "koln", "malmö", "malmo", "thessaloníki", "brasil",
    "brazil", "belgique", "belgium", "árabe", "arabe", "arabic", "árab", "farsi", "pashto",
    "tigrinya", "somali", "ukrainian", "russian", "français", "francais", "spanish",
    "español", "portuguese", "português", "tagalog", "urdu", "turkish", "amharic",
    "chinese",
    # two words
    "legal help", "free advice", "housing rent", "job search", "language classes",
    "trade union", "migrant workers", "radio news", "mental health", "family reunification",
    "asesoría vivienda", "aide juridique", "cours de langue", "ayuda legal",
    "apoio jurídico", "مساعدة مجانية", "دروس لغة", "centro de", "rue centrale",
    "calle mayor", "station street", "maison des", "asociación de", "associação dos",
    "radio solidaria", "community centre", "workers union", "advice point",
    "newcomers hub", "family network", "neighbourhood association",
]


def raw_text_bytes(path: Path) -> int:
    """Bytes of every value in the directory's own tables, as text (what an HSDS CSV
    export holds, without separators): the baseline the file size is compared with."""
    conn = sqlite3.connect(path)
    total = 0
    for table in HSDS_TABLES:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        expression = " + ".join(f"coalesce(length(CAST({c} AS BLOB)), 0)" for c in columns)
        total += conn.execute(f"SELECT coalesce(sum({expression}), 0) FROM {table}").fetchone()[0]
    conn.close()
    return total


def hsds_package_bytes(path: Path) -> int:
    """Bytes of the same directory exported as an HSDS 3.0 CSV data package."""
    from desktop.directory.hsds.exporter import export_directory

    with tempfile.TemporaryDirectory() as scratch:
        package = Path(scratch) / "package"
        export_directory(path, package, "hsds-csv")
        return sum(f.stat().st_size for f in package.iterdir())


def plain_text_copy(source: Path, target: Path) -> None:
    """One row of plain text per organisation, for the two baselines."""
    target.unlink(missing_ok=True)
    db = sqlite_utils.Database(target)
    db.attach("src", str(source))
    db.execute("""
        CREATE TABLE docs AS
        SELECT d.rowid AS id, o.name AS name,
               o.description || ' ' || coalesce((SELECT group_concat(s.name || ' ' ||
                 s.description, ' ') FROM src.service s WHERE s.organization_id = o.id), '')
                 || ' ' || coalesce((SELECT group_concat(a.city || ' ' || a.country || ' ' ||
                 coalesce(a.address_1, ''), ' ') FROM src.location l JOIN src.address a
                 ON a.location_id = l.id WHERE l.organization_id = o.id), '')
                 || ' ' || coalesce((SELECT group_concat(g.code, ' ') FROM src.service s
                 JOIN src.language g ON g.service_id = s.id WHERE s.organization_id = o.id),
                 '') AS body
        FROM src.organization o JOIN src.search_doc d ON d.organization_id = o.id""")
    db.conn.commit()
    db["docs"].enable_fts(["name", "body"], create_triggers=False)
    db.conn.commit()


def timed(function, queries: list[str]) -> list[float]:
    times = []
    for query in queries:
        start = time.perf_counter()
        function(query)
        times.append((time.perf_counter() - start) * 1000)
    return times


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def bench_size(size: int, rebuild: bool) -> list[str]:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"synth-{size}.db"
    build_seconds = None
    if rebuild or not path.exists():
        start = time.perf_counter()
        synthesise_directory(size, path)
        build_seconds = time.perf_counter() - start
    raw = raw_text_bytes(path)
    package = hsds_package_bytes(path)
    file_size = path.stat().st_size
    plain = OUT / f"plain-{size}.db"
    if rebuild or not plain.exists():
        plain_text_copy(path, plain)

    directory = Directory(path)
    directory.search(SearchRequest(text="warm"), limit=20)  # vocabulary, page cache
    ours = timed(lambda q: directory.search(SearchRequest(text=q), limit=20), WORDS)

    plain_db = sqlite_utils.Database(plain)
    def like(q: str) -> None:
        pattern = f"%{q}%"
        plain_db.execute("SELECT id, name FROM docs WHERE name LIKE ? OR body LIKE ? LIMIT 20",
                         [pattern, pattern]).fetchall()
    like_times = timed(like, WORDS)

    def table_search(q: str) -> None:
        # sqlite-utils quotes the words; it has no prefix matching of its own.
        list(plain_db["docs"].search(q, limit=20, quote=True))
    utils_times = timed(table_search, WORDS)

    lines = [f"\nSynthetic directory of {size:,} organisations ({len(WORDS)} queries, "
             "20 results each)"]
    lines.append(f"{'method':<44}{'p50 ms':>10}{'p95 ms':>10}")
    for label, times in (("this app: FTS5, prefixes, every language", ours),
                         ("(a) naive LIKE '%…%' scan", like_times),
                         ("(b) sqlite-utils Table.search (no prefix)", utils_times)):
        p50, p95 = percentiles(times)
        lines.append(f"{label:<44}{p50:>10.2f}{p95:>10.2f}")
    target = TARGET_P95_MS.get(size)
    p95 = percentiles(ours)[1]
    if target:
        verdict = "met" if p95 <= target else "MISSED"
        lines.append(f"target p95 <= {target} ms: {verdict}")
    if build_seconds is not None:
        target_build = TARGET_BUILD_S.get(size)
        note = f" (target <= {target_build:.0f} s)" if target_build else ""
        lines.append(f"build: {build_seconds:.1f} s{note}")
    else:
        lines.append("build: cached file reused (run with --rebuild to time it)")
    lines.append(f"size: {file_size / 1e6:.0f} MB; target <= 2x the raw text")
    lines.append(f"  vs the values in its tables ({raw / 1e6:.0f} MB): "
                 f"{file_size / raw:.2f}x")
    lines.append(f"  vs its HSDS CSV data package ({package / 1e6:.0f} MB): "
                 f"{file_size / package:.2f}x")
    directory.close()
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_search")
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",")):
        print("\n".join(bench_size(size, args.rebuild)), flush=True)
    return 0
