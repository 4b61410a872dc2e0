"""Store failures, each with a message a practitioner can act on."""

from pathlib import Path


class StoreError(Exception):
    """Base of every failure to open or use the store. ``str()`` is the user's message."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class DataDirectoryError(StoreError):
    """The data folder cannot be created or written."""


class NotOurDatabaseError(StoreError):
    """The file is not a MNeedle Desktop database; it was left untouched."""


class NewerDatabaseError(StoreError):
    """The database was written by a newer program; it was left untouched."""


class CorruptDatabaseError(StoreError):
    """The database file is damaged; it was left untouched."""


class DatabaseLockedError(StoreError):
    """Another program holds the database."""


class StoreWriteError(StoreError):
    """A write failed (disk full, read-only medium); nothing was half-written."""


class BackupError(StoreError):
    """A backup could not be made, or a file offered for restoring cannot be used; the
    database was not changed."""


class InterruptedRestoreError(StoreError):
    """A restore was stopped before it finished; the store is not opened until it is."""


class TamperedRecordError(StoreError):
    """A stored value does not decrypt: changed, or moved between rows, outside the program."""


class StoreLockedError(RuntimeError):
    """Client data was asked for while no practitioner is signed in (a programming error:
    the interface never offers it then)."""
