"""Authenticated encryption of stored values, each bound to its table, column and row."""

import os

from mneedle_desktop.security.keys import NONCE_BYTES

FORMAT = b"\x01"  # AES-256-GCM, 12-byte random nonce


class TamperedError(ValueError):
    """A stored value does not decrypt: altered, or moved from another row or column."""


class FieldCipher:
    """Encrypts with the clinic data key. ``where`` names the place a value belongs
    (``"client.details:<id>"``) and is authenticated with it, so a ciphertext copied to
    another row or column fails to decrypt instead of showing the wrong client's data."""

    def __init__(self, data_key: bytes) -> None:
        # Imported here, at the first unlock, not at start-up.
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead = AESGCM(data_key)
        self._invalid_tag = InvalidTag

    def encrypt(self, plaintext: bytes, where: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return FORMAT + nonce + self._aead.encrypt(nonce, plaintext, where.encode("utf-8"))

    def decrypt(self, blob: bytes, where: str) -> bytes:
        if blob[:1] != FORMAT or len(blob) < 1 + NONCE_BYTES + 16:
            raise TamperedError(f"{where}: not a value this program wrote")
        nonce, ciphertext = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, ciphertext, where.encode("utf-8"))
        except self._invalid_tag:
            raise TamperedError(f"{where}: altered or moved from another record") from None
