"""The clinic data key, wrapped once per practitioner and once for the recovery key.

One random 256-bit data key encrypts every sensitive value. It is never stored in the
clear: each practitioner's password (through scrypt) and the printed recovery key (through
HKDF) give a key-encryption key that wraps it with AES-GCM. Unwrapping proves the password.
"""

import base64
import os
from dataclasses import dataclass

from mneedle_desktop.security.kdf import KEY_BYTES, KdfParams, derive_key, new_salt

NONCE_BYTES = 12
RECOVERY_BYTES = 32


class WrongKeyError(ValueError):
    """The password or recovery key does not open this wrap (or the wrap was altered)."""


@dataclass(frozen=True)
class WrappedKey:
    salt: bytes
    kdf: str  # KdfParams as JSON, or "hkdf" for the recovery key
    nonce: bytes
    ciphertext: bytes


# The cryptography package is imported on first use, not at start-up.


def new_data_key() -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM.generate_key(bit_length=8 * KEY_BYTES)


def _wrap(data_key: bytes, kek: bytes, aad: bytes, salt: bytes, kdf: str) -> WrappedKey:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    return WrappedKey(salt, kdf, nonce, AESGCM(kek).encrypt(nonce, data_key, aad))


def _unwrap(wrapped: WrappedKey, kek: bytes, aad: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, aad)
    except InvalidTag:
        raise WrongKeyError("the key does not open this wrap") from None


def wrap_with_password(data_key: bytes, password: str, owner: str, params: KdfParams) -> WrappedKey:
    """``owner`` (the practitioner's id) is bound into the wrap: a wrap copied onto another
    account does not open."""
    salt = new_salt()
    kek = derive_key(password, salt, params)
    return _wrap(data_key, kek, f"mneedle-wrap:v1:{owner}".encode(), salt, params.to_json())


def unwrap_with_password(wrapped: WrappedKey, password: str, owner: str) -> bytes:
    return unwrap_for_any(wrapped, password, (owner,))[0]


def unwrap_for_any(
    wrapped: WrappedKey, password: str, owners: tuple[str, ...]
) -> tuple[bytes, str]:
    """Derive the key once and try each ``owner`` binding; the data key and the binding
    that opened it. ``WrongKeyError`` when none does."""
    kek = derive_key(password, wrapped.salt, KdfParams.from_json(wrapped.kdf))
    for owner in owners:
        try:
            return _unwrap(wrapped, kek, f"mneedle-wrap:v1:{owner}".encode()), owner
        except WrongKeyError:
            continue
    raise WrongKeyError("the key does not open this wrap")


def _recovery_kek(recovery: bytes, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"mneedle-recovery")
    return hkdf.derive(recovery)


def new_recovery_secret() -> bytes:
    return os.urandom(RECOVERY_BYTES)  # what secrets.token_bytes does, without hashlib


def wrap_with_recovery(data_key: bytes, recovery: bytes) -> WrappedKey:
    salt = new_salt()
    return _wrap(data_key, _recovery_kek(recovery, salt), b"mneedle-wrap:v1:recovery", salt, "hkdf")


def unwrap_with_recovery(wrapped: WrappedKey, recovery: bytes) -> bytes:
    try:
        return _unwrap(wrapped, _recovery_kek(recovery, wrapped.salt), b"mneedle-wrap:v1:recovery")
    except WrongKeyError:
        raise WrongKeyError("that is not this clinic's recovery key") from None


# --- the recovery key as people write it down ---------------------------------------------


def _sha256(data: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(data).digest()


def format_recovery_key(secret: bytes) -> str:
    """32 bytes plus a 2-byte checksum in base32: 56 letters and digits in groups of four,
    e.g. ``ABCD-EFGH-...``. The checksum catches a mistyped group."""
    check = _sha256(secret)[:2]
    text = base64.b32encode(secret + check).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


_LOOK_ALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def parse_recovery_key(text: str) -> bytes:
    """The secret from a typed recovery key (case, spaces and dashes ignored; the digits
    0, 1 and 8, which the key never uses, read as the letters O, I and B)."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_LOOK_ALIKES)
    padded = cleaned + "=" * (-len(cleaned) % 8)
    try:
        raw = base64.b32decode(padded)
    except ValueError:
        raise WrongKeyError("that is not a recovery key") from None
    secret, check = raw[:RECOVERY_BYTES], raw[RECOVERY_BYTES:]
    if len(secret) != RECOVERY_BYTES or _sha256(secret)[:2] != check:
        raise WrongKeyError("that recovery key has a typing mistake") from None
    return secret
