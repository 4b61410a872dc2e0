"""What the row classes holding encrypted values share: the cipher, or a clear refusal."""

import sqlite3

from mneedle_desktop.security.cipher import FieldCipher
from mneedle_desktop.storage.errors import StoreLockedError


class EncryptedRows:
    locked_message = "client data is locked: sign in first"

    def __init__(self, conn: sqlite3.Connection, cipher: FieldCipher | None) -> None:
        self._conn = conn
        self._cipher_or_none = cipher

    @property
    def _cipher(self) -> FieldCipher:
        if self._cipher_or_none is None:
            raise StoreLockedError(self.locked_message)
        return self._cipher_or_none
