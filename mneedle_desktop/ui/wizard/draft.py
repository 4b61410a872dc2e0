"""The one object the wizard's pages share: the consultation being written."""

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from mneedle_desktop.domain.catalogue import Catalogue
from mneedle_desktop.domain.consultations import Consultation
from mneedle_desktop.domain.record_json import (
    RecordError,
    RecordProblem,
    record_from_dict,
    record_to_dict,
)
from mneedle_desktop.services.consultations import ConsultationService
from mneedle_desktop.services.screening import Assessment
from mneedle_desktop.storage.errors import StoreError

AUTOSAVE_DELAY_MS = 2000
# After a failed save (disk full, read-only medium), try again this often until it works.
RETRY_DELAY_MS = 15000


class WizardDraft(QObject):
    """Holds the draft record, screens it on every change and saves it.

    Signals:
        changed(): the record changed; ``assessment`` is up to date.
        save_failed(str): saving did not work; the draft stays in memory and saving is
            tried again every 15 s (autosaves say so once, not at every try).
        save_recovered(): saving works again; everything in memory is saved.
    """

    changed = Signal()
    save_failed = Signal(str)
    save_recovered = Signal()

    def __init__(
        self,
        consultations: ConsultationService,
        consultation: Consultation,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = consultations
        self.consultation = consultation
        self.record = consultation.record
        self.assessment: Assessment = consultations.assess(self.record)
        self.dirty = False
        self.failing = False
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def catalogue(self) -> Catalogue:
        return self._service.catalogue

    def update(self, **changes: Any) -> list[RecordProblem]:
        """Change the record (fields of ``ConsultationRecord``), screen it again, and
        schedule an autosave a couple of seconds after the last change.

        The new record is checked exactly as a record file would be (dates not in the
        future, ranges, ids); when it fails, nothing changes and the problems are returned,
        each with the path of its field.
        """
        record = replace(self.record, **changes)
        if record == self.record:
            return []
        try:
            record = record_from_dict(record_to_dict(record), self.catalogue)
        except RecordError as e:
            return list(e.problems)
        self.record = record
        self.assessment = self._service.assess(record)
        self.dirty = True
        self._timer.start(AUTOSAVE_DELAY_MS)
        self.changed.emit()
        return []

    def save(self, page: int, *, audit: bool, asked: bool = True) -> bool:
        """Save now (page changes, closing the wizard). False when it failed. A failure
        is signalled when the user ``asked`` for this save, or when it is the first of a
        run of failed autosaves."""
        self._timer.stop()
        if self._stopped or not self.consultation.editable:
            return True
        try:
            self.consultation = self._service.save_draft(
                self.consultation, self.record, page, audit=audit
            )
        except (StoreError, PermissionError) as e:
            self._timer.start(RETRY_DELAY_MS)
            if asked or not self.failing:
                self.failing = True
                self.save_failed.emit(str(e))
            return False
        self.dirty = False
        if self.failing:
            self.failing = False
            self.save_recovered.emit()
        return True

    def stop(self) -> None:
        """The draft was discarded: never save it again."""
        self._stopped = True
        self._timer.stop()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.save(self.consultation.page, audit=False, asked=False)
