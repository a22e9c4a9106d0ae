"""Reading what a maintainer hands us: a folder, a zip, a CSV or a JSON file.

Everything here is defensive: sizes are checked before reading, zip members are checked
before extracting, and every problem becomes one ``UserError`` naming the file, the row
and what to do about it.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from desktop.errors import UserError
from desktop.i18n import _, ngettext

# Limits (documented in docs/hsds.md). 100,000 services make a services.csv of ~40 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024          # one CSV or JSON file
MAX_PACKAGE_BYTES = 1024 * 1024 * 1024      # everything in a zip, uncompressed
MAX_ZIP_MEMBERS = 1000
MAX_COMPRESSION_RATIO = 100                 # CSV compresses ~10x; 100x+ is a zip bomb
_RATIO_FLOOR_BYTES = 1024 * 1024            # tiny members may compress any amount

csv.field_size_limit(16 * 1024 * 1024)


@dataclass
class CsvTable:
    path: Path
    header: list[str]
    rows: list[list[str]]
    first_row_number: int = 2   # as a spreadsheet counts: the header is row 1

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        for offset, row in enumerate(self.rows):
            yield self.first_row_number + offset, dict(zip(self.header, row, strict=True))


def check_size(path: Path) -> None:
    """Refuse an oversized file from its size alone, before reading a byte of it."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UserError(
            # Translators: {size} is the file's size in megabytes, a whole number, e.g. 300;
            # {limit} is the largest size accepted, 256. An import error; the file's path is
            # shown before it.
            _("the file is {size} MB; files above {limit} MB are refused. Split the data "
              "into several packages.").format(size=size // 2**20,
                                               limit=MAX_FILE_BYTES // 2**20),
            path=path)


def read_text(path: Path) -> str:
    """The file's text: UTF-8, with or without a byte order mark."""
    check_size(path)
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError(
            # Translators: {line} is a line number in the file, e.g. 14; {byte:02x} is the
            # offending byte as two hexadecimal digits, e.g. e9, so that it reads "byte 0xe9":
            # keep "0x{byte:02x}" exactly as written. "CSV UTF-8" is the name of a save option
            # in spreadsheet programs: use the name they show in your language. An import
            # error; the file's path is shown before it.
            _("line {line}: byte 0x{byte:02x} is not UTF-8 text. Save the file as UTF-8 "
              "(\"CSV UTF-8\" in spreadsheet programs) and import it again.").format(
                line=line, byte=data[error.start]),
            path=path) from None


def read_csv(path: Path) -> CsvTable:
    text = read_text(path)
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), strict=True)
                if any(cell.strip() for cell in row)]
    except csv.Error as error:
        # Translators: {error} is the reason given by Python's CSV reader, in English, e.g.
        # "unexpected end of data". The file's path is shown before the message and is its
        # subject.
        raise UserError(_("not a readable CSV file ({error}).").format(error=error),
                        path=path) from None
    if not rows:
        return CsvTable(path, [], [])
    header = [name.strip() for name in rows[0]]
    if len(header) == 1:
        for delimiter, label in ((";", "';'"), ("\t", "tabs")):
            if delimiter in header[0]:
                raise UserError(
                    # Translators: {label} is either ';' (a semicolon in quotes) or the English
                    # word tabs, untranslated. Row 1 is the header row of the CSV file. "CSV
                    # (comma delimited)" is the name of a save option in spreadsheet programs:
                    # use the name they show in your language. An import error; the file's path
                    # is shown before it.
                    _("row 1: the columns are separated by {label}, but HSDS and the "
                      "template use commas. Save the file as \"CSV (comma delimited)\".")
                    .format(label=label), path=path)
    for index, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise UserError(
                # Translators: {row} is a row number as a spreadsheet counts them (the header
                # is row 1), e.g. 14; {values} is the text "7 values" and {columns} the text
                # "8 columns", each translated separately with its plural forms. An import
                # error; the file's path is shown before it.
                _("row {row} has {values} but the header has {columns}; check for a missing "
                  "quote or a stray comma.").format(
                    row=index,
                    # Translators: {count} is how many values a row of a CSV file has, e.g. 7.
                    # Fills {values} in "row {row} has {values} but the header has {columns}".
                    values=ngettext("{count} value", "{count} values", len(row)).format(
                        count=len(row)),
                    # Translators: {count} is how many columns the header row of a CSV file
                    # has, e.g. 8. Fills {columns} in "row {row} has {values} but the header
                    # has {columns}".
                    columns=ngettext("{count} column", "{count} columns", len(header)).format(
                        count=len(header))),
                path=path)
    return CsvTable(path, header, rows[1:])


def read_json(path: Path) -> Any:
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError(
            # Translators: {line} and {column} give a position in the file, e.g. 3 and 17;
            # {reason} is the explanation of Python's JSON reader, in English, e.g. "Expecting
            # ',' delimiter". An import error; the file's path is shown before it.
            _("line {line}, column {column}: not valid JSON ({reason}).").format(
                line=error.lineno, column=error.colno, reason=error.msg),
            path=path) from None
    except RecursionError:
        raise UserError(_("is nested too deeply to be directory data (brackets inside "
                          "brackets, thousands deep)."), path=path) from None
    except ValueError as error:  # e.g. a number of thousands of digits
        # Translators: {reason} is Python's explanation, in English, e.g. "Exceeds the limit
        # (4300 digits) for integer string conversion". The JSON file's path is shown before
        # the message and is the subject of "holds".
        raise UserError(_("holds a value that is not directory data ({reason}).").format(
            reason=str(error).split(";")[0]), path=path) from None


# --- zip files ---------------------------------------------------------------------------

def _check_member(archive: Path, info: zipfile.ZipInfo) -> None:
    name = info.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
        raise UserError(
            # Translators: {name} is the name of an entry inside the zip file, as stored there,
            # e.g. ../../etc/passwd. The zip file's path is shown before the message and is the
            # subject of "contains".
            _("contains '{name}', a path outside the package folder; refusing to extract "
              "anything from it.").format(name=name),
            path=archive)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UserError(
            # Translators: {name} is the name of an entry inside the zip file, e.g.
            # data/services.csv. The zip file's path is shown before the message and is the
            # subject of "contains".
            _("contains a symbolic link '{name}'; refusing to extract anything from it.")
            .format(name=name), path=archive)
    if info.file_size > MAX_FILE_BYTES:
        raise UserError(
            # Translators: {name} is the name of a file inside the zip file, e.g. services.csv;
            # {size} is its unpacked size in megabytes, e.g. 300; {limit} is the largest size
            # accepted, 256. The zip file's path is shown before the message.
            _("'{name}' would unpack to {size} MB; files above {limit} MB are refused.")
            .format(name=name, size=info.file_size // 2**20, limit=MAX_FILE_BYTES // 2**20),
            path=archive)
    if (info.file_size > _RATIO_FLOOR_BYTES
            and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)):
        raise UserError(
            # Translators: {name} is the name of a file inside the zip file, e.g. services.csv;
            # {ratio} is a whole number, e.g. 250, and "{ratio}×" reads "250 times". A zip bomb
            # is a small zip file made to fill the disk when it is unpacked. The zip file's
            # path is shown before the message.
            _("'{name}' would unpack to {ratio}× its compressed size, which is what a zip "
              "bomb does; refusing to extract it.").format(
                name=name, ratio=info.file_size // max(info.compress_size, 1)),
            path=archive)


def extract_zip(archive: Path, target: Path) -> None:
    """Extract ``archive`` into ``target`` after checking every member's name and size."""
    check_size(archive)
    try:
        bundle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as error:
        # Translators: {error} is the reason, in English, from Python or the operating system,
        # e.g. "File is not a zip file". The file's path is shown before the message and is its
        # subject.
        raise UserError(_("not a readable zip file ({error}).").format(error=error),
                        path=archive) from None
    with bundle:
        members = bundle.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            # Translators: {count} is the number of files in the zip file, e.g. 1500, always
            # above {limit}, which is 1000. The zip file's path is shown before the message and
            # is the subject of "has".
            raise UserError(ngettext("has {count} file; a package has at most {limit}.",
                                     "has {count} files; a package has at most {limit}.",
                                     len(members)).format(
                count=len(members), limit=MAX_ZIP_MEMBERS), path=archive)
        for info in members:
            _check_member(archive, info)
        total = sum(info.file_size for info in members)
        if total > MAX_PACKAGE_BYTES:
            raise UserError(
                # Translators: {size} is the unpacked size of everything in the zip file, in
                # megabytes, e.g. 1500; {limit} is the largest size accepted, 1024. The zip
                # file's path is shown before the message and is the subject of "would unpack".
                _("would unpack to {size} MB; packages above {limit} MB are refused.")
                .format(size=total // 2**20, limit=MAX_PACKAGE_BYTES // 2**20), path=archive)
        for info in members:
            destination = target.joinpath(*PurePosixPath(info.filename).parts)
            if info.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                with bundle.open(info) as source, destination.open("wb") as sink:
                    # zipfile stops at the declared size and checks the CRC, so a member
                    # cannot unpack to more than the size checked above.
                    shutil.copyfileobj(source, sink, 1024 * 1024)
            except (zipfile.BadZipFile, OSError, EOFError) as error:
                # Translators: {name} is the name of a file inside the zip file, e.g.
                # services.csv; {error} is the reason, in English, from Python or the operating
                # system, e.g. "Bad CRC-32 for file 'services.csv'". The zip file's path is
                # shown before the message.
                raise UserError(_("'{name}' is damaged ({error}).").format(
                    name=info.filename, error=error), path=archive) from None


@contextmanager
def package_folder(source: Path) -> Iterator[Path]:
    """The folder holding ``datapackage.json``: the folder itself, or a zip extracted."""
    if source.is_dir():
        yield _find_descriptor_folder(source, source)
        return
    with tempfile.TemporaryDirectory(prefix="hsds-import-") as scratch:
        extract_zip(source, Path(scratch))
        yield _find_descriptor_folder(Path(scratch), source)


def _find_descriptor_folder(root: Path, shown_as: Path) -> Path:
    # Zipping a folder often nests everything one level down; accept that.
    candidates = [root, *sorted(p for p in root.iterdir() if p.is_dir())]
    for folder in candidates:
        if (folder / "datapackage.json").is_file():
            return folder
    raise UserError(
        _("no datapackage.json found. An HSDS tabular data package is a folder or zip "
          "with datapackage.json and one CSV file per table (see docs/hsds.md)."),
        path=shown_as)
