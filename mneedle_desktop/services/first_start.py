"""What the first window needs to know about the store: whether the clinic is set up yet,
and what an earlier version left to fill the set-up form with.

Kept apart from the account service, whose key derivation, keys and audit trail load when
someone signs in or sets up, not at start-up.
"""

from dataclasses import dataclass

from mneedle_desktop.domain.clinic import ClinicProfile, PractitionerProfile
from mneedle_desktop.storage.store import Store


@dataclass(frozen=True)
class FirstRunPrefill:
    """What an earlier version recorded, offered again when the owner account is created."""

    clinic: ClinicProfile | None
    practitioner: PractitionerProfile | None


class FirstStart:
    def __init__(self, store: Store) -> None:
        self._store = store

    def needs_owner(self) -> bool:
        """True before the clinic's data key exists. Once it does, set-up never runs again
        (even if the owner's role were edited away), so the key is never replaced."""
        with self._store.read() as s:
            return not s.accounts.has_wraps()

    def prefill(self) -> FirstRunPrefill:
        with self._store.read() as s:
            clinic = s.clinic.clinic()
            earlier = [a for a in s.accounts.all() if not a.username]
        return FirstRunPrefill(
            clinic.profile if clinic else None, earlier[0].profile if earlier else None
        )

    def clinic_name(self) -> str:
        """The clinic's name, as the sign-in window heads itself ("" before set-up)."""
        with self._store.read() as s:
            clinic = s.clinic.clinic()
        return clinic.profile.name if clinic else ""
