"""Who is acting: the name every audit entry is recorded under."""

from mneedle_desktop.storage.store import Store

SYSTEM_ACTOR = "system"


class Acting:
    """The practitioner on whose behalf use cases run.

    Until practitioners sign in, the clinic's first practitioner acts; before set-up, the
    program itself (``system``).
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._practitioner_id: str | None = None

    @property
    def actor(self) -> str:
        if self._practitioner_id is None:
            with self._store.read() as s:
                practitioners = s.clinic.practitioners()
            if not practitioners:
                return SYSTEM_ACTOR
            self._practitioner_id = practitioners[0].id
        return self._practitioner_id
