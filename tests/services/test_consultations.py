import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from mneedle_desktop.domain.clients import Client
from mneedle_desktop.domain.consultation_status import ConsultationStatus
from mneedle_desktop.domain.consultations import Consultation
from mneedle_desktop.domain.record import Answer, ConsultationRecord, HistoryAnswer
from mneedle_desktop.domain.record_json import record_from_dict, record_to_dict
from mneedle_desktop.domain.screening import Outcome
from mneedle_desktop.services.consultations import NotReadyError
from mneedle_desktop.services.container import AppServices
from tests.domain.records import make_dict
from tests.services.test_clients import ZOE


def full_record(
    services: AppServices, consultation_id: str, client: Client, **changes: Any
) -> ConsultationRecord:
    """A complete record for the consultation's client, built from the test template."""
    data = make_dict(**changes)
    data["record_id"] = consultation_id
    data["consultation_date"] = services.consultations.today().isoformat()
    data["client"] = {
        "id": client.id,
        "family_name": client.details.family_name,
        "given_name": client.details.given_name,
        "date_of_birth": str(client.details.date_of_birth),
    }
    return record_from_dict(data, services.consultations.catalogue)


def isotretinoin_draft(services: AppServices) -> tuple[Consultation, ConsultationRecord]:
    """A complete draft of a client who took isotretinoin two months ago: a deferral."""
    client = services.clients.add(ZOE)
    draft = services.consultations.start(client.id)
    last_dose = (services.consultations.today() - timedelta(days=60)).isoformat()
    record = full_record(
        services,
        draft.id,
        client,
        history={"isotretinoin": {"answer": "yes", "last_dose": last_dose}},
    )
    return services.consultations.save_draft(draft, record, page=4), record


def test_a_draft_is_saved_and_listed(owner_services: AppServices) -> None:
    client = owner_services.clients.add(ZOE)
    draft = owner_services.consultations.start(client.id)
    assert draft.status is ConsultationStatus.DRAFT
    assert draft.record.client.family_name == "Ørsted"
    record = replace(
        draft.record,
        medical_history={"pregnant": HistoryAnswer(Answer.NO)},
    )
    owner_services.consultations.save_draft(draft, record, page=2, audit=True)
    again = owner_services.consultations.open(draft.id)
    assert again.page == 2
    assert again.record.medical_history["pregnant"].answer is Answer.NO
    [summary] = owner_services.consultations.history(client.id)
    assert summary.status is ConsultationStatus.DRAFT
    [listed] = owner_services.clients.summaries()
    assert listed.last_status is ConsultationStatus.DRAFT
    assert listed.last_consultation == owner_services.consultations.today()
    assert [d.id for d in owner_services.consultations.drafts()] == [draft.id]


def test_a_deferral_is_closed_signed_and_final(owner_services: AppServices, database: Path) -> None:
    draft, record = isotretinoin_draft(owner_services)
    closed = owner_services.consultations.close_without_treatment(draft)
    assert closed.status is ConsultationStatus.DEFERRED
    assert closed.outcome is Outcome.DEFER
    assert closed.content_version == owner_services.consultations.catalogue.version
    assert closed.record_hash is not None
    assert len(closed.record_hash) == 64
    owner = owner_services.accounts.current
    assert owner is not None
    assert closed.closed_by == owner.id
    with pytest.raises(PermissionError, match="addendum"):
        owner_services.consultations.save_draft(closed, record, page=4)
    raw = sqlite3.connect(database)
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        raw.execute("UPDATE consultation SET state = 'draft' WHERE id = ?", (closed.id,))
    raw.close()
    [listed] = owner_services.clients.summaries()
    assert listed.last_status is ConsultationStatus.DEFERRED


def test_a_suitable_client_cannot_be_closed_without_consent(owner_services: AppServices) -> None:
    client = owner_services.clients.add(ZOE)
    draft = owner_services.consultations.start(client.id)
    draft = owner_services.consultations.save_draft(
        draft, full_record(owner_services, draft.id, client), page=4
    )
    with pytest.raises(NotReadyError, match="deferral or a not-suitable"):
        owner_services.consultations.close_without_treatment(draft)


def test_an_incomplete_deferral_cannot_be_closed(owner_services: AppServices) -> None:
    client = owner_services.clients.add(ZOE)
    draft = owner_services.consultations.start(client.id)
    with pytest.raises(NotReadyError, match="Answer every question"):
        owner_services.consultations.close_without_treatment(draft)


def test_addenda_are_appended_to_signed_records_only(
    owner_services: AppServices, database: Path
) -> None:
    client = owner_services.clients.add(ZOE)
    draft = owner_services.consultations.start(client.id)
    with pytest.raises(PermissionError):
        owner_services.consultations.add_addendum(draft, "too early")
    record = full_record(
        owner_services, draft.id, client, history={"keloid_tendency": {"answer": "yes"}}
    )
    draft = owner_services.consultations.save_draft(draft, record, page=4)
    closed = owner_services.consultations.close_without_treatment(draft)
    assert closed.outcome is Outcome.NOT_SUITABLE
    owner_services.consultations.add_addendum(closed, "Referred to dermatology.")
    [addendum] = owner_services.consultations.addenda(closed.id)
    assert addendum.text == "Referred to dermatology."
    raw = sqlite3.connect(database)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.execute("DELETE FROM addendum")
    raw.close()


def test_a_discarded_draft_is_gone(owner_services: AppServices) -> None:
    client = owner_services.clients.add(ZOE)
    draft = owner_services.consultations.start(client.id)
    owner_services.consultations.discard(draft)
    assert owner_services.consultations.history(client.id) == []
    assert owner_services.clients.summaries()[0].last_status is None


def test_record_round_trips_through_the_store(owner_services: AppServices) -> None:
    client = owner_services.clients.add(ZOE)
    draft = owner_services.consultations.start(client.id)
    record = full_record(
        owner_services,
        draft.id,
        client,
        fitzpatrick_type=5,
        acknowledged_precautions=["fitzpatrick_iv_vi"],
    )
    owner_services.consultations.save_draft(draft, record, page=3)
    stored = owner_services.consultations.open(draft.id).record
    assert record_to_dict(stored) == record_to_dict(record)


def test_pdf_file_names_hold_no_name_unless_the_clinic_chose_it(
    owner_services: AppServices,
) -> None:
    client = owner_services.clients.add(ZOE)
    draft = owner_services.consultations.start(client.id)
    plain = owner_services.consultations.pdf_name(draft)
    assert plain == f"consultation-{draft.record.consultation_date}-{draft.id[:8]}.pdf"
    assert ZOE.family_name not in plain

    clinic = owner_services.clinic.current()
    assert clinic is not None
    owner_services.clinic.save(replace(clinic, name_in_file_names=True))
    named = owner_services.consultations.pdf_name(draft)
    assert named == (f"consultation-{draft.record.consultation_date}-Ørsted-Zoë-{draft.id[:8]}.pdf")


def test_exporting_again_after_a_content_update_gives_the_document_as_signed(
    owner_services: AppServices, tmp_path: Path, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft, _record = isotretinoin_draft(owner_services)
    closed = owner_services.consultations.close_without_treatment(draft)
    first = owner_services.consultations.export_pdf(closed, tmp_path / "first.pdf")

    # The clinic installs a newer content version with new wording.
    old = owner_services.consultations.catalogue
    newer = replace(
        old,
        version="2099.1.1",
        document=replace(old.document, letter_title="A completely different title"),
    )
    monkeypatch.setattr(owner_services.consultations, "_catalogue", lambda: newer)
    again = owner_services.consultations.export_pdf(
        owner_services.consultations.open(closed.id), tmp_path / "again.pdf"
    )
    assert again == first
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()

    raw = sqlite3.connect(database)
    with pytest.raises(sqlite3.IntegrityError, match="final"):
        raw.execute("UPDATE document SET sha256 = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="final"):
        raw.execute("DELETE FROM document")
    stored = raw.execute("SELECT pdf FROM document").fetchone()[0]
    raw.close()
    assert b"%PDF" not in stored, "kept encrypted, like the record"
