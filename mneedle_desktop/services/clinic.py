"""Clinic set-up and settings: the details printed on every document."""

import logging

from mneedle_desktop.domain.audit import AuditAction, AuditEvent
from mneedle_desktop.domain.clinic import ClinicSetup, validate_setup
from mneedle_desktop.domain.ids import ClinicId, PractitionerId, new_uuid
from mneedle_desktop.services.acting import Acting
from mneedle_desktop.storage.store import Store

log = logging.getLogger(__name__)


class ClinicService:
    def __init__(self, store: Store, acting: Acting) -> None:
        self._store = store
        self._acting = acting

    def current(self) -> ClinicSetup | None:
        """The clinic and its first practitioner, or None before first set-up."""
        with self._store.read() as s:
            clinic = s.clinic.clinic()
            practitioners = s.clinic.practitioners()
        if clinic is None or not practitioners:
            return None
        return ClinicSetup(clinic.profile, practitioners[0].profile)

    def needs_setup(self) -> bool:
        return self.current() is None

    def save(self, setup: ClinicSetup) -> ClinicSetup:
        """First set-up, or a later change of the clinic's or practitioner's details."""
        valid = validate_setup(setup)
        actor = self._acting.actor
        with self._store.write() as s:
            clinic = s.clinic.clinic()
            practitioners = s.clinic.practitioners()
            stamp = {"at": s.at, "device_id": s.device_id}
            if clinic is None:
                clinic_id = ClinicId(new_uuid())
                s.clinic.insert_clinic(clinic_id, valid.clinic, **stamp)
                action = AuditAction.SETUP
            else:
                clinic_id = clinic.id
                s.clinic.update_clinic(clinic_id, valid.clinic, **stamp)
                action = AuditAction.UPDATE
            if practitioners:
                pid = practitioners[0].id
                s.clinic.update_practitioner(pid, valid.practitioner, **stamp)
            else:
                pid = PractitionerId(new_uuid())
                s.clinic.insert_practitioner(pid, valid.practitioner, **stamp)
            s.record(AuditEvent(actor if practitioners else pid, action, "clinic", clinic_id))
        log.info("clinic settings saved (%s)", action.value)
        return valid
