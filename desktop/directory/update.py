"""Offline directory updates: a new directory database (or an HSDS package) from a USB
stick, checked from end to end before it replaces the installed one.

The installed directory is never touched until a complete, verified copy sits beside it;
then ``os.replace`` swaps it in atomically, and the file it replaced is kept for
``rollback``. Any failure raises ``UserError`` saying why and leaves everything in place.

Signatures are Ed25519 over a short statement that names the file's SHA-256 and size
(the file itself may be hundreds of megabytes; Ed25519 needs the whole message in
memory). Because the statement carries the hash, "signed by another key" and "signature
for another file" get different, clear messages.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import importlib.util
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop import paths
from desktop.directory import signing_keys
from desktop.directory.check import check_directory
from desktop.directory.database import SQLITE_MAGIC, check_directory_file
from desktop.errors import UserError
from desktop.files import NOT_WRITABLE
from desktop.i18n import _, ngettext

SIGNATURE_SUFFIX = ".sig"
PREVIOUS_SUFFIX = ".previous"
SIGNATURE_HEADER = "migrant-directory update signature v1"
HSDS_SUFFIXES = (".zip", ".json", ".csv")
COPY_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class UpdateResult:
    installed: Path
    previous: Path | None      # kept for rollback; None when the embedded one was in use
    organizations: int
    services: int
    version: str
    signed: bool


# -- signatures ---------------------------------------------------------------------------

def _statement(sha256: str, size: int) -> bytes:
    return f"{SIGNATURE_HEADER}\nsha256 {sha256}\nsize {size}\n".encode("ascii")


def file_digest(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(COPY_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def generate_keypair(private_key: Path, public_key: Path) -> None:
    """Write a new Ed25519 key pair as PEM files; the private one readable only by its owner."""
    from nacl.signing import SigningKey

    for target in (private_key, public_key):
        if Path(target).exists():
            raise UserError(_("already exists; choose another name or remove it first"),
                            path=target)
    key = SigningKey.generate()
    Path(private_key).parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(private_key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(signing_keys.private_key_pem(bytes(key)))
    Path(public_key).parent.mkdir(parents=True, exist_ok=True)
    Path(public_key).write_bytes(signing_keys.public_key_pem(bytes(key.verify_key)))


def _read_key_file(path: Path) -> bytes:
    try:
        return signing_keys.read_key_file(Path(path))
    except OSError as error:
        # Translators: {reason} is the operating system's own words, in English, e.g.
        # "Permission denied". The path of the file is shown before the message.
        raise UserError(_("cannot be read: {reason}").format(reason=error.strerror),
                        path=path) from None


def _load_private_key(path: Path):  # -> nacl.signing.SigningKey
    from nacl.signing import SigningKey

    try:
        seed, public = signing_keys.read_private_key(_read_key_file(path))
    except signing_keys.NotEd25519Error:
        raise UserError(_("is not an Ed25519 private key"), path=path) from None
    except signing_keys.NotPemError as error:
        # Translators: {error} says in English what is missing, e.g. "no '-----BEGIN
        # PRIVATE KEY-----' block". The path of the key file is shown before the message.
        raise UserError(_("is not an unencrypted PEM private key ({error})").format(
            error=error), path=path) from None
    key = SigningKey(seed)
    if public is not None and bytes(key.verify_key) != public:
        raise UserError(_("is not an Ed25519 private key"), path=path)
    return key


def load_public_key(path: Path):  # -> nacl.signing.VerifyKey
    from nacl.signing import VerifyKey

    try:
        return VerifyKey(signing_keys.read_public_key(_read_key_file(path)))
    except signing_keys.NotEd25519Error:
        raise UserError(_("is not an Ed25519 public key"), path=path) from None
    except signing_keys.NotPemError as error:
        # Translators: {error} says in English what is missing, e.g. "no '-----BEGIN PUBLIC
        # KEY-----' block". The path of the key file is shown before the message.
        raise UserError(_("is not a PEM public key ({error})").format(error=error),
                        path=path) from None


def sign_file(path: Path, private_key: Path, output: Path | None = None) -> Path:
    """Write ``FILE.sig`` for ``path`` with the private key; returns the signature's path."""
    path = Path(path)
    if not path.is_file():
        raise UserError(_("is not a file; only a file can be signed (zip a folder first)"),
                        path=path)
    key = _load_private_key(private_key)
    sha256, size = file_digest(path)
    signature = key.sign(_statement(sha256, size)).signature
    output = Path(output) if output else path.with_name(path.name + SIGNATURE_SUFFIX)
    output.write_text(
        f"{SIGNATURE_HEADER}\nfile {path.name}\nsha256 {sha256}\nsize {size}\n"
        f"signature {base64.b64encode(signature).decode('ascii')}\n", encoding="ascii")
    return output


@dataclass(frozen=True)
class Signature:
    sha256: str
    size: int
    signature: bytes
    file_name: str


def read_signature(path: Path) -> Signature:
    try:
        text = Path(path).read_text(encoding="ascii")
    except FileNotFoundError:
        raise UserError(_("does not exist: the update must come with its signature file "
                          "because this kiosk has an update key configured"),
                        path=path) from None
    except (OSError, UnicodeDecodeError):
        raise UserError(_("is not a signature file made by 'migrant-directory update sign'"),
                        path=path) from None
    lines = text.splitlines()
    fields = dict(line.split(" ", 1) for line in lines[1:] if " " in line)
    try:
        if lines[0] != SIGNATURE_HEADER:
            raise ValueError
        return Signature(fields["sha256"], int(fields["size"]),
                         base64.b64decode(fields["signature"], validate=True),
                         fields.get("file", ""))
    except (IndexError, KeyError, ValueError):
        raise UserError(_("is not a signature file made by 'migrant-directory update sign'"),
                        path=path) from None


def verify_signature(signature_path: Path, public_key: Path, sha256: str, size: int) -> None:
    """Raise UserError unless the signature is by ``public_key`` and for these bytes."""
    from nacl.exceptions import BadSignatureError

    key = load_public_key(public_key)
    signature = read_signature(signature_path)
    try:
        key.verify(_statement(signature.sha256, signature.size), signature.signature)
    except (BadSignatureError, ValueError):  # ValueError: not 64 bytes long
        # Translators: {key} is the path of the public key file this kiosk checks updates with,
        # e.g. /etc/migrant-directory/update-key.pem. The path of the signature file is shown
        # before the message.
        raise UserError(_("was not made with this kiosk's update key ({key}); the update "
                          "may not come from your network").format(key=public_key),
                        path=signature_path) from None
    if (signature.sha256, signature.size) != (sha256, size):
        name = signature.file_name or _("another file")
        # Translators: {name} is the name of the file the signature was made for, e.g.
        # directory-2025-10.db, or the text "another file" (translated separately). The path of
        # the signature file is shown before the message.
        raise UserError(_("is the signature of a different file ({name}), not of this "
                          "update").format(name=name), path=signature_path)


# -- copying and checking -----------------------------------------------------------------

def copy_verified(source: Path, destination: Path) -> tuple[str, int]:
    """Copy ``source`` to ``destination`` in chunks, hashing what was written.

    A USB stick pulled out mid-copy shows up as a read error or as fewer bytes than the
    file had when the copy started; both are refused here.
    """
    try:
        expected = source.stat().st_size
    except OSError as error:
        # Translators: {reason} is the operating system's own words, in English, e.g.
        # "Permission denied". The path of the file is shown before the message.
        raise UserError(_("cannot be read: {reason}").format(reason=error.strerror),
                        path=source) from None
    digest = hashlib.sha256()
    size = 0
    try:
        with open(source, "rb") as src, open(destination, "wb") as out:
            while chunk := src.read(COPY_CHUNK):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
    except OSError as error:
        if error.filename and Path(error.filename) == destination:
            # Translators: {reason} is the operating system's own words, in English, e.g. "No
            # space left on device". The path of the copy being written is shown before the
            # message.
            raise UserError(_("cannot write the update beside the directory: {reason}").format(
                reason=error.strerror), path=destination) from None
        # Translators: {reason} is the operating system's own words, in English, e.g.
        # "Input/output error". The path of the update file is shown before the message.
        raise UserError(_("could not be read completely ({reason}); was the USB stick "
                          "removed? Nothing was changed").format(reason=error.strerror),
                        path=source) from None
    if size != expected:
        # Translators: {got} is the number of bytes copied, {expected} the size of the file in
        # bytes, e.g. 1048576 of 4194304. The path of the update file is shown before.
        raise UserError(_("could not be read completely ({got} of {expected} bytes); was the "
                          "USB stick removed? Nothing was changed").format(
                              got=size, expected=expected), path=source)
    return digest.hexdigest(), size


def _is_hsds(source: Path) -> bool:
    if source.is_dir():
        return True
    try:
        with open(source, "rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC:
                return False
    except OSError:
        return False
    return source.suffix.lower() in HSDS_SUFFIXES


def _naming_the_given_file(error: UserError, staged: Path, given: Path) -> UserError:
    """``error`` naming the file the admin gave where it named ``staged``, the temporary
    copy of it in the staging folder (a path that means nothing to the admin)."""
    if error.path is None:
        return error
    path = Path(str(error.path).replace(str(staged), str(given), 1))
    return UserError(error.message.replace(str(staged), str(given)), path=path)


def _import_hsds(source: Path, output: Path, current: Path | None,
                 shown_as: Path | None = None) -> None:
    """Build a directory from an HSDS package with the HSDS importer (issue 7).

    ``source`` may be the verified copy in the staging folder: its problems then name
    ``shown_as``, the file the admin gave."""
    if importlib.util.find_spec("desktop.directory.hsds.importer") is None:
        raise UserError(_("looks like an HSDS package, but this version of the app cannot "
                          "import HSDS; use a directory database (.db) instead"), path=source)
    from desktop.directory.hsds.importer import import_source

    try:
        import_source(source, output=output)
    except UserError as error:
        if shown_as is None:
            raise
        raise _naming_the_given_file(error, source, shown_as) from None
    except OSError as error:
        # Translators: {reason} is the operating system's own words, in English, e.g.
        # "Input/output error". The path of the update file is shown before the message.
        raise UserError(_("could not be read completely ({reason}); was the USB stick "
                          "removed? Nothing was changed").format(reason=error.strerror),
                        path=source) from None
    if current is not None:
        _carry_over_emergency_numbers(current, output)


def _carry_over_emergency_numbers(current: Path, new: Path) -> None:
    """HSDS has no emergency numbers; a package without them keeps the current ones
    (public facts, not the package's content) rather than leaving the screen without."""
    conn = sqlite3.connect(new)
    try:
        if conn.execute("SELECT count(*) FROM emergency_number").fetchone()[0]:
            return
        conn.execute("ATTACH DATABASE ? AS current", (Path(current).resolve().as_uri()
                                                      + "?mode=ro",))
        with conn:
            conn.execute("INSERT INTO emergency_number SELECT * FROM current.emergency_number")
        conn.execute("DETACH DATABASE current")
    except sqlite3.DatabaseError:
        return  # the minimum-content check below says what is missing
    finally:
        conn.close()


def check_update_content(path: Path, *, shown_as: Path) -> tuple[int, int, str]:
    """Integrity, schema version, search index and minimum content; returns counts."""
    try:
        check_directory_file(path)
    except UserError as error:
        raise _naming_the_given_file(error, path, shown_as) from None
    report = check_directory(path)
    if not report.sound:
        # Translators: "sound" means complete and undamaged. {problem} is the first problem the
        # directory check found, in English, e.g. "damaged (integrity): ...". The path of the
        # update file is shown before the message.
        raise UserError(_("is not a sound directory: {problem}").format(
            problem=report.problems[0]), path=shown_as)
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        organizations = conn.execute("SELECT count(*) FROM organization").fetchone()[0]
        services = conn.execute("SELECT count(*) FROM service").fetchone()[0]
        emergency = conn.execute("SELECT count(*) FROM emergency_number").fetchone()[0]
        searchable = conn.execute("SELECT count(*) FROM search_fts").fetchone()[0]
        version_row = conn.execute(
            "SELECT value FROM directory_meta WHERE key = 'version'").fetchone()
    finally:
        conn.close()
    if organizations == 0:
        raise UserError(_("holds no organisations; an empty directory would leave the "
                          "screen with nothing to show"), path=shown_as)
    if services == 0:
        raise UserError(_("holds no services"), path=shown_as)
    if emergency == 0:
        raise UserError(_("has no emergency numbers"), path=shown_as)
    if searchable < organizations:
        # Translators: {indexed} is the number of organisations the search index holds, {total}
        # the number in the directory, e.g. 1200 of 1520 (the plural form follows {total}). The
        # path of the update file is shown before the message.
        raise UserError(ngettext("has an incomplete search index ({indexed} of {total} "
                                 "organisation)",
                                 "has an incomplete search index ({indexed} of {total} "
                                 "organisations)", organizations).format(
                                     indexed=searchable, total=organizations),
                        path=shown_as)
    return organizations, services, version_row[0] if version_row else ""


STAGING_PREFIX = ".update-"


def remove_leftovers(beside: Path) -> int:
    """Staging folders an interrupted update left (a power cut, kill -9): each can be a full
    copy of the directory. Updates run one at a time, so any that exist are stale."""
    removed = 0
    if beside.parent.is_dir():
        for folder in beside.parent.glob(STAGING_PREFIX + "*"):
            if folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
    return removed


@contextlib.contextmanager
def _staging_folder(beside: Path) -> Iterator[Path]:
    """A private folder on the same file system as ``beside`` (so ``os.replace`` is atomic);
    what an interrupted update left there first goes."""
    try:
        beside.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(beside)
        folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=beside.parent))
    except OSError as error:
        raise _cannot_write(beside.parent, error) from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _cannot_write(folder: Path, error: OSError) -> UserError:
    if error.errno in NOT_WRITABLE:
        return UserError(_("this folder is read-only, so nothing can be installed or rolled "
                           "back here; nothing was changed"), path=folder)
    # Translators: {reason} is the operating system's own words, e.g. "No space left on
    # device". The folder's path is shown before the message.
    return UserError(_("this folder cannot be written ({reason}); nothing was changed")
                     .format(reason=error.strerror or error), path=folder)


def previous_path(target: Path) -> Path:
    return target.with_name(target.name + PREVIOUS_SUFFIX)


def _keep_as_previous(target: Path, staging: Path) -> Path | None:
    """Keep the installed file as ``.previous`` without ever removing ``target``: a hard
    link (or a copy where links are not possible) is renamed into place."""
    if not target.exists():
        return None
    link = staging / "previous"
    _link_or_copy(target, link)
    previous = previous_path(target)
    os.replace(link, previous)
    return previous


def apply_update(source: Path, *, signature: Path | None = None,
                 public_key: Path | None = None, target: Path | None = None) -> UpdateResult:
    """Install ``source`` (a directory database or an HSDS package) as the directory.

    With ``public_key`` the update must be signed by it (``signature`` defaults to
    ``SOURCE.sig``). ``target`` defaults to the installed-directory path in user data;
    the embedded directory inside the app is never written.
    """
    source = Path(source)
    target = Path(target) if target is not None else paths.installed_directory()
    if not source.exists():
        raise UserError(_("does not exist"), path=source)
    if source.resolve() == target.resolve():
        raise UserError(_("is the installed directory itself"), path=source)
    current = target if target.exists() else (
        paths.embedded_directory() if paths.embedded_directory().exists() else None)
    with _staging_folder(target) as staging:
        hsds = _is_hsds(source)
        if public_key is not None and source.is_dir():
            raise UserError(_("is a folder, which cannot be signed; zip the HSDS package and "
                              "sign the zip"), path=source)
        candidate = staging / "candidate.db"
        if hsds and source.is_dir():
            _import_hsds(source, candidate, current)
        else:
            copy = staging / ("update" + (source.suffix if hsds else ".db"))
            sha256, size = copy_verified(source, copy)
            if public_key is not None:
                sig = Path(signature) if signature else source.with_name(
                    source.name + SIGNATURE_SUFFIX)
                verify_signature(sig, public_key, sha256, size)
            if hsds:
                _import_hsds(copy, candidate, current, shown_as=source)
            else:
                candidate = copy
        organizations, services, version = check_update_content(candidate, shown_as=source)
        with open(candidate, "rb+") as written:
            os.fsync(written.fileno())
        try:
            previous = _keep_as_previous(target, staging)
            os.replace(candidate, target)
        except OSError as error:
            raise _cannot_write(target.parent, error) from None
    return UpdateResult(target, previous, organizations, services, version,
                        signed=public_key is not None)


def rollback(target: Path | None = None) -> Path:
    """Go back to the directory before the last update; returns the directory now in use.

    The two files swap places, so a second rollback undoes the first. After the first
    update on a machine there is no previous installed file: rolling back then puts the
    update aside and the embedded directory is used again.
    """
    target = Path(target) if target is not None else paths.installed_directory()
    previous = previous_path(target)
    if not previous.exists() and not target.exists():
        raise UserError(_("there is no update to roll back: the directory that came with "
                          "the app is in use"), path=target)
    if previous.exists():
        try:
            check_directory_file(previous)
        except UserError as error:
            # Translators: Shown when rolling back. {error} is an error message that begins with
            # the path of the previous directory file, a colon and what is wrong, e.g.
            # "/home/ana/.local/share/migrant-directory/directory/directory.db.previous: is
            # truncated: ...".
            raise UserError(_("the previous directory cannot be used, nothing was changed: "
                              "{error}").format(error=error)) from None
    with _staging_folder(target) as staging:
        try:
            if previous.exists():
                parked = staging / "current"
                if target.exists():
                    _link_or_copy(target, parked)
                os.replace(previous, target)
                if parked.exists():
                    os.replace(parked, previous)
            else:
                os.replace(target, previous)
        except OSError as error:
            raise _cannot_write(target.parent, error) from None
    return target if target.exists() else paths.embedded_directory()


def _link_or_copy(source: Path, destination: Path) -> None:
    """A second name for ``source`` (free on the same disk), or a copy where links fail."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
