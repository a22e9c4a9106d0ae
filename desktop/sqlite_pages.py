"""Rows read straight from the pages of a damaged SQLite file.

When a file is cut short, SQLite stops a table scan at the first page that is missing, so
every row on a page after it is lost to SQL even though it is still on the disk. Salvage
reads every table leaf page that is left (and the newest copy of each page in the
write-ahead log beside it) and decodes its records by the file format
(https://www.sqlite.org/fileformat2.html). Pages on the free list hold deleted rows and
are skipped when the free list can still be read.

Pure Python, no Qt; used only on a file that was moved aside.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

TABLE_LEAF = 0x0D
WAL_HEADER, WAL_FRAME_HEADER = 32, 24
Value = None | int | float | str | bytes


def _varint(data: bytes, at: int) -> tuple[int, int]:
    """The variable-length integer at ``at`` and the offset after it."""
    value = 0
    for i in range(8):
        byte = data[at + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    return (value << 8) | data[at + 8], at + 9


def _record(payload: bytes) -> tuple[Value, ...]:
    header_size, at = _varint(payload, 0)
    types = []
    while at < header_size:
        serial, at = _varint(payload, at)
        types.append(serial)
    body = header_size
    values: list[Value] = []
    for serial in types:
        if serial == 0:
            values.append(None)
        elif 1 <= serial <= 6:
            size = (1, 2, 3, 4, 6, 8)[serial - 1]
            values.append(int.from_bytes(payload[body:body + size], "big", signed=True))
            body += size
        elif serial == 7:
            values.append(struct.unpack(">d", payload[body:body + 8])[0])
            body += 8
        elif serial in (8, 9):
            values.append(serial - 8)
        elif serial >= 12:
            size = (serial - 12) // 2
            chunk = payload[body:body + size]
            if len(chunk) != size:
                raise ValueError("record runs past its page")
            values.append(chunk.decode("utf-8") if serial % 2 else bytes(chunk))
            body += size
        else:
            raise ValueError(f"reserved serial type {serial}")
    return tuple(values)


def _leaf_rows(page: bytes, header_at: int, usable: int) -> Iterator[tuple[Value, ...]]:
    cells = int.from_bytes(page[header_at + 3:header_at + 5], "big")
    for n in range(cells):
        pointer_at = header_at + 8 + 2 * n
        offset = int.from_bytes(page[pointer_at:pointer_at + 2], "big")
        try:
            size, at = _varint(page, offset)
            _rowid, at = _varint(page, at)
            if size > usable - 35:
                continue  # spills onto overflow pages: too long for a setting or favourite
            yield _record(page[at:at + size])
        except (IndexError, ValueError, UnicodeDecodeError):
            continue  # a damaged cell: the others on the page still count


def _pages(path: Path) -> tuple[dict[int, bytes], int]:
    """Page number → bytes, the write-ahead log's newest copy winning; and the usable size."""
    data = path.read_bytes()
    if len(data) < 100 or not data.startswith(b"SQLite format 3\x00"):
        return {}, 0
    size = int.from_bytes(data[16:18], "big")
    size = 65536 if size == 1 else size
    if size < 512 or size & (size - 1):
        return {}, 0
    usable = size - data[20]
    pages = {n + 1: data[n * size:(n + 1) * size] for n in range(len(data) // size)}
    wal = path.with_name(path.name + "-wal")
    if wal.is_file():
        log = wal.read_bytes()
        at = WAL_HEADER
        while at + WAL_FRAME_HEADER + size <= len(log):
            number = int.from_bytes(log[at:at + 4], "big")
            if number:
                pages[number] = log[at + WAL_FRAME_HEADER:at + WAL_FRAME_HEADER + size]
            at += WAL_FRAME_HEADER + size
    return pages, usable


def _free_pages(pages: dict[int, bytes]) -> set[int]:
    """The pages on the free list, as far as its chain can still be followed."""
    free: set[int] = set()
    if 1 not in pages:
        return free
    trunk = int.from_bytes(pages[1][32:36], "big")
    while trunk and trunk in pages and trunk not in free:
        free.add(trunk)
        page = pages[trunk]
        count = int.from_bytes(page[4:8], "big")
        for n in range(min(count, (len(page) - 8) // 4)):
            free.add(int.from_bytes(page[8 + 4 * n:12 + 4 * n], "big"))
        trunk = int.from_bytes(page[0:4], "big")
    return free


def table_rows(path: Path) -> list[tuple[Value, ...]]:
    """Every record still on a table leaf page of ``path``, in page order (rows of all
    tables together: the caller tells them apart by their shape)."""
    try:
        pages, usable = _pages(path)
    except OSError:
        return []
    skipped = _free_pages(pages)
    rows: list[tuple[Value, ...]] = []
    for number in sorted(pages):
        page = pages[number]
        header_at = 100 if number == 1 else 0
        if number in skipped or len(page) <= header_at or page[header_at] != TABLE_LEAF:
            continue
        rows.extend(_leaf_rows(page, header_at, usable))
    return rows
