"""Clinic settings: the details printed on every document."""

import logging

from mneedle_desktop.domain.clinic import ClinicProfile, validate_clinic
from mneedle_desktop.domain.ids import ClinicId, new_uuid
from mneedle_desktop.services.acting import Acting
from mneedle_desktop.storage.store import Store

log = logging.getLogger(__name__)


class ClinicService:
    def __init__(self, store: Store, acting: Acting) -> None:
        self._store = store
        self._acting = acting

    def current(self) -> ClinicProfile | None:
        with self._store.read() as s:
            clinic = s.clinic.clinic()
        return None if clinic is None else clinic.profile

    def save(self, profile: ClinicProfile) -> ClinicProfile:
        """Change the clinic's details (the owner only)."""
        self._acting.require_owner()
        valid = validate_clinic(profile)
        with self._store.write() as s:
            clinic = s.clinic.clinic()
            if clinic is None:
                clinic_id = ClinicId(new_uuid())
                s.clinic.insert_clinic(clinic_id, valid, at=s.at, device_id=s.device_id)
            else:
                clinic_id = clinic.id
                s.clinic.update_clinic(clinic_id, valid, at=s.at, device_id=s.device_id)
            from mneedle_desktop.domain.audit import AuditAction, AuditEvent

            s.record(AuditEvent(self._acting.actor, AuditAction.UPDATE, "clinic", clinic_id))
        log.info("clinic settings saved")
        return valid
