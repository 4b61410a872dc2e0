import pytest

from mneedle_desktop.security.cipher import FieldCipher, TamperedError
from mneedle_desktop.security.kdf import OWASP_SCRYPT, KdfParams, derive_key
from mneedle_desktop.security.keys import (
    WrongKeyError,
    format_recovery_key,
    new_data_key,
    new_recovery_secret,
    parse_recovery_key,
    unwrap_with_password,
    unwrap_with_recovery,
    wrap_with_password,
    wrap_with_recovery,
)

CHEAP = KdfParams(n=2**8)


def test_default_key_derivation_follows_owasp_for_scrypt() -> None:
    assert (OWASP_SCRYPT.n, OWASP_SCRYPT.r, OWASP_SCRYPT.p) == (2**17, 8, 1)
    assert KdfParams.from_json(OWASP_SCRYPT.to_json()) == OWASP_SCRYPT


def test_derivation_depends_on_password_and_salt() -> None:
    a = derive_key("password one", b"s" * 16, CHEAP)
    assert a == derive_key("password one", b"s" * 16, CHEAP)
    assert a != derive_key("password two", b"s" * 16, CHEAP)
    assert a != derive_key("password one", b"t" * 16, CHEAP)


def test_password_wrap_opens_only_with_the_password_and_the_owner() -> None:
    key = new_data_key()
    wrapped = wrap_with_password(key, "a long password", "p1", CHEAP)
    assert unwrap_with_password(wrapped, "a long password", "p1") == key
    with pytest.raises(WrongKeyError):
        unwrap_with_password(wrapped, "a wrong password", "p1")
    with pytest.raises(WrongKeyError):
        unwrap_with_password(wrapped, "a long password", "p2")  # copied to another account
    assert key not in wrapped.ciphertext


def test_recovery_key_round_trip_and_typos() -> None:
    secret = new_recovery_secret()
    text = format_recovery_key(secret)
    assert parse_recovery_key(text.lower().replace("-", " ")) == secret
    wrapped = wrap_with_recovery(b"k" * 32, secret)
    assert unwrap_with_recovery(wrapped, secret) == b"k" * 32
    typo = ("B" if text[0] != "B" else "C") + text[1:]
    with pytest.raises(WrongKeyError):
        parse_recovery_key(typo)
    with pytest.raises(WrongKeyError):
        unwrap_with_recovery(wrapped, new_recovery_secret())


def test_field_cipher_binds_each_value_to_its_place() -> None:
    cipher = FieldCipher(new_data_key())
    a = cipher.encrypt(b"Zoe", "client.details:1")
    assert cipher.decrypt(a, "client.details:1") == b"Zoe"
    assert a != cipher.encrypt(b"Zoe", "client.details:1"), "a fresh nonce every time"
    with pytest.raises(TamperedError):
        cipher.decrypt(a, "client.details:2")
    flipped = a[:-1] + bytes([a[-1] ^ 1])
    with pytest.raises(TamperedError):
        cipher.decrypt(flipped, "client.details:1")
    with pytest.raises(TamperedError):
        FieldCipher(new_data_key()).decrypt(a, "client.details:1")
