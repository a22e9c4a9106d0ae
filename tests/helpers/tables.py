"""Every row of every directory table, for tests that compare whole directories."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from desktop.directory.schema import TABLES_SQL

TABLES = re.findall(r"CREATE TABLE (\w+)", TABLES_SQL)


def table_rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in TABLES}
    finally:
        conn.close()
