"""A centre's update keys keep working, and a wrong key file is named for what it is.

Centres made their key pairs with earlier versions of the app (or with
``openssl genpkey -algorithm ed25519``) and have signed updates with them; those files
and signatures must stay good. The keys below were written by the app's earlier
signature library from a fixed seed, with a signature it made.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.directory import signing_keys
from desktop.directory.update import (
    SIGNATURE_HEADER,
    file_digest,
    generate_keypair,
    load_public_key,
    sign_file,
    verify_signature,
)
from desktop.errors import UserError

EARLIER_PRIVATE_KEY = b"""-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f
-----END PRIVATE KEY-----
"""
EARLIER_PUBLIC_KEY = b"""-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAA6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=
-----END PUBLIC KEY-----
"""
# What the earlier library signed for a 10-byte file whose SHA-256 is written as 64 zeros.
EARLIER_SIGNATURE = ("KVG5TXRVaLbVC8XXsrpGeljqGqr3C5ZP+vumMyTbd/QapKI4EtMdxR9Fg/1d5vtSt2EC"
                     "Xccnhu3E4BKdnovoBw==")
RSA_PUBLIC_KEY = b"""-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCcgN0ClbzhHjDs9yxXAnC86AtJ
/N8iwoejvX6kebfjKWvqaHHa6LE73SAMZP+I73paSQWxfhzhte2OgyYUFe490utj
ddgX1RQFEL7P/FlZ+K/3CI0UsEDhYGoG1dyUzdBJ6Gvni3HPg98Sj2tVvIdu7tau
bRfTgQPFgAgVzWNV/QIDAQAB
-----END PUBLIC KEY-----
"""
ENCRYPTED_PRIVATE_KEY = b"""-----BEGIN ENCRYPTED PRIVATE KEY-----
MIGjMF8GCSqGSIb3DQEFDTBSMDEGCSqGSIb3DQEFDDAkBBAhU6SvCHfee8HeZI8R
-----END ENCRYPTED PRIVATE KEY-----
"""


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_a_signature_made_with_an_earlier_version_is_still_accepted(tmp_path: Path) -> None:
    public = write(tmp_path, "centre.pub.pem", EARLIER_PUBLIC_KEY)
    signature = tmp_path / "update.db.sig"
    signature.write_text(f"{SIGNATURE_HEADER}\nfile update.db\nsha256 {'0' * 64}\nsize 10\n"
                         f"signature {EARLIER_SIGNATURE}\n", encoding="ascii")

    verify_signature(signature, public, "0" * 64, 10)  # raises if refused


def test_a_private_key_made_with_an_earlier_version_still_signs(tmp_path: Path) -> None:
    private = write(tmp_path, "centre.pem", EARLIER_PRIVATE_KEY)
    public = write(tmp_path, "centre.pub.pem", EARLIER_PUBLIC_KEY)
    update = write(tmp_path, "update.db", b"directory " * 50)

    signature = sign_file(update, private)

    verify_signature(signature, public, *file_digest(update))


def test_new_keys_are_written_in_the_same_pem_form(tmp_path: Path) -> None:
    private, public = tmp_path / "new.pem", tmp_path / "new.pub.pem"
    generate_keypair(private, public)

    assert private.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2Vw")
    assert public.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA")
    assert private.stat().st_mode & 0o077 == 0  # readable by its owner only


def v2_private_key(public_bytes: bytes) -> bytes:
    """The earlier key's seed in the PKCS #8 v2 form some tools write: the seed, then a
    public key (here whichever the test gives)."""
    seed, _ = signing_keys.read_private_key(EARLIER_PRIVATE_KEY)
    der = bytes.fromhex("3051020101300506032b657004220420") + seed + b"\x81\x21\x00" + public_bytes
    return (b"-----BEGIN PRIVATE KEY-----\n" + base64.encodebytes(der)
            + b"-----END PRIVATE KEY-----\n")


def test_a_private_key_that_also_carries_its_public_key_signs(tmp_path: Path) -> None:
    private = write(tmp_path, "v2.pem",
                    v2_private_key(signing_keys.read_public_key(EARLIER_PUBLIC_KEY)))
    update = write(tmp_path, "update.db", b"x" * 99)

    signature = sign_file(update, private)

    verify_signature(signature, write(tmp_path, "pub.pem", EARLIER_PUBLIC_KEY),
                     *file_digest(update))


def test_a_private_key_whose_public_half_does_not_match_is_refused(tmp_path: Path) -> None:
    private = write(tmp_path, "odd.pem", v2_private_key(hashlib.sha256(b"someone else").digest()))

    with pytest.raises(UserError, match="is not an Ed25519 private key"):
        sign_file(write(tmp_path, "update.db", b"x"), private)


@pytest.mark.parametrize(("content", "message"), [
    (RSA_PUBLIC_KEY, "is not an Ed25519 public key"),
    (EARLIER_PRIVATE_KEY, "is not a PEM public key"),
    (EARLIER_PUBLIC_KEY[:40], "is not a PEM public key"),  # cut short on a USB stick
    (EARLIER_PUBLIC_KEY.replace(b"MCow", b"M!ow"), "is not a PEM public key"),
    (b"\xff\xfe\x00garbage", "is not a PEM public key"),
])
def test_a_file_that_is_not_an_update_key_is_named_for_what_it_is(
        tmp_path: Path, content: bytes, message: str) -> None:
    with pytest.raises(UserError, match=message) as refused:
        load_public_key(write(tmp_path, "key.pem", content))
    assert refused.value.path == tmp_path / "key.pem"


def test_a_key_file_of_blank_space_is_refused_not_searched_for_hours(tmp_path: Path) -> None:
    """A begin marker and then spaces to the size limit, no end marker: a regular
    expression with a lazy body would backtrack for hours here."""
    blank = b"-----BEGIN PUBLIC KEY-----" + b" " * (signing_keys.MAX_KEY_FILE_BYTES - 26)
    with pytest.raises(UserError, match="is not a PEM public key"):
        load_public_key(write(tmp_path, "blank.pem", blank))


def test_a_key_path_that_names_a_huge_file_reads_only_what_a_key_could_be(
        tmp_path: Path) -> None:
    huge = tmp_path / "huge.pem"
    with open(huge, "wb") as out:
        out.write(EARLIER_PUBLIC_KEY)
        out.truncate(64 * 1024 * 1024)  # sparse: a 64 MB file that costs no disk
    assert len(signing_keys.read_key_file(huge)) == signing_keys.MAX_KEY_FILE_BYTES
    load_public_key(huge)  # the key at its start still loads


def test_an_encrypted_private_key_is_refused_with_what_to_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    private = write(tmp_path, "locked.pem", ENCRYPTED_PRIVATE_KEY)
    update = write(tmp_path, "update.db", b"x")

    assert main(["update", "sign", str(update), "--key", str(private)]) == 2

    error = capsys.readouterr().err
    assert "locked.pem" in error and "is not an unencrypted PEM private key" in error
    assert "Traceback" not in error


def test_a_kiosk_config_naming_an_rsa_key_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = write(tmp_path, "rsa.pub.pem", RSA_PUBLIC_KEY)
    config = write(tmp_path, "centre.toml",
                   f'[admin]\nupdate_public_key = "{key}"\n'.encode())

    assert main(["kiosk", "check-config", str(config)]) == 2

    assert "is not an Ed25519 public key" in capsys.readouterr().err
