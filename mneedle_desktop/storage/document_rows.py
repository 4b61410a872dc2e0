"""SQL for signed documents: the PDF made when a consultation was signed, encrypted."""

from pathlib import Path

from mneedle_desktop.security.cipher import TamperedError
from mneedle_desktop.storage.encrypted_rows import EncryptedRows
from mneedle_desktop.storage.errors import TamperedRecordError


class DocumentRows(EncryptedRows):
    locked_message = "documents are locked: sign in first"

    def put(self, consultation_id: str, pdf: bytes, sha256: str, *, at: str) -> None:
        """Keep a consultation's document; there is only ever one, and it never changes."""
        self._conn.execute(
            "INSERT INTO document (consultation_id, pdf, sha256, created_at) VALUES (?, ?, ?, ?)",
            (consultation_id, self._cipher.encrypt(pdf, _where(consultation_id)), sha256, at),
        )

    def get(self, consultation_id: str) -> bytes | None:
        row = self._conn.execute(
            "SELECT pdf FROM document WHERE consultation_id = ?", (consultation_id,)
        ).fetchone()
        if row is None:
            return None
        try:
            return self._cipher.decrypt(bytes(row[0]), _where(consultation_id))
        except TamperedError as e:
            raise TamperedRecordError(
                "The stored document of this consultation was changed outside MNeedle "
                "Desktop. Restore your latest backup.",
                Path(""),
            ) from e


def _where(consultation_id: str) -> str:
    return f"document.pdf:{consultation_id}"
