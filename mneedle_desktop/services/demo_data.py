"""Synthetic clients and consultations: for trying the app, and for measuring it at a busy
clinic's scale. Deterministic for a seed. Every outcome is there, signed and draft, spread
over ten years; records are screened by the real engine once per kind, then dated.

Rows are written in batches straight through the store (no PDF is made: a signed record's
document is made on its first export), with one audit entry for the whole fill.
"""

import logging
import random
import struct
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from mneedle_desktop.domain.audit import AuditAction, AuditEvent
from mneedle_desktop.domain.catalogue import Catalogue
from mneedle_desktop.domain.clients import Client
from mneedle_desktop.domain.clinic import PractitionerProfile
from mneedle_desktop.domain.clock import Clock, utc_timestamp
from mneedle_desktop.domain.consent import consent_fingerprint
from mneedle_desktop.domain.demo_people import demo_client
from mneedle_desktop.domain.ids import ClientId, DeviceId
from mneedle_desktop.domain.plan import PlanProposal
from mneedle_desktop.domain.record import (
    Answer,
    ClientInfo,
    ConsentAnswers,
    ConsultationRecord,
    HistoryAnswer,
    Signature,
    SignatureRole,
    SigningPractitioner,
)
from mneedle_desktop.domain.record_json import record_from_dict, record_hash, record_to_dict
from mneedle_desktop.domain.screening import Outcome
from mneedle_desktop.services.acting import Acting
from mneedle_desktop.services.consultations import summary_data
from mneedle_desktop.services.screening import assess
from mneedle_desktop.storage.consultation_rows import ConsultationRow
from mneedle_desktop.storage.store import Store

log = logging.getLogger(__name__)
BATCH = 500  # clients per transaction
DEMO_MARK = "demo_data"
_TEMPLATE_TIME = datetime(2026, 1, 1, 10, tzinfo=UTC)  # each record gets its own day


class RealClientsError(RuntimeError):
    """The store holds clients that are not demo data; nothing was written."""


@dataclass(frozen=True)
class DemoReport:
    clients: int
    consultations: int
    signed: int


@dataclass(frozen=True)
class _Kind:
    weight: int
    template: ConsultationRecord
    signed: bool
    outcome: Outcome | None


def _png() -> bytes:
    """A tiny white PNG standing in for a signature's picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff" * 8 for _ in range(8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


class DemoDataService:
    def __init__(
        self, store: Store, clock: Clock, acting: Acting, catalogue: Callable[[], Catalogue]
    ) -> None:
        self._store = store
        self._clock = clock
        self._acting = acting
        self._catalogue = catalogue

    def holds_real_clients(self) -> bool:
        """Clients are here and they were not all made by this service."""
        with self._store.read() as s:
            count = s.clients.count()
            made = int(s.meta.get(DEMO_MARK) or 0)
        return count > made

    def fill(
        self,
        clients: int,
        seed: int = 1,
        *,
        into_real_store: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> DemoReport:
        """Add ``clients`` synthetic clients with about five consultations each."""
        account = self._acting.require()
        if not into_real_store and self.holds_real_clients():
            raise RealClientsError(
                "This data folder holds real clients. Demo data goes into a new data folder "
                "(--data-dir), or add --into-real-store if you are sure."
            )
        with self._store.read() as s:
            already = int(s.meta.get(DEMO_MARK) or 0)
        # A second fill of the same folder goes on with new clients (same seed, same data).
        rng = random.Random(seed if already == 0 else f"{seed}/{already}")
        catalogue = self._catalogue()
        today = self._clock.now().date()
        kinds = self._kinds(catalogue, account.id, account.profile)
        weights = [k.weight for k in kinds]
        made = consultations = signed = 0
        while made < clients:
            batch = min(BATCH, clients - made)
            with self._store.write() as s:
                for _ in range(batch):
                    client = self._client(rng, today, s.device_id)
                    s.clients.insert(client)
                    for _ in range(rng.choice((1, 2, 3, 4, 5, 6, 7, 8, 9))):
                        kind = rng.choices(kinds, weights)[0]
                        row = self._consultation(rng, kind, client, today)
                        s.consultations.insert(row, device_id=s.device_id)
                        consultations += 1
                        signed += kind.signed
                s.meta.put(DEMO_MARK, str(int(s.meta.get(DEMO_MARK) or 0) + batch))
            made += batch
            if progress is not None:
                progress(made)
        with self._store.write() as s:
            s.record(
                AuditEvent(
                    account.id,
                    AuditAction.CREATE,
                    "demo_data",
                    str(seed),
                    f"{clients} synthetic clients, {consultations} consultations",
                )
            )
        log.info("demo data: %d clients, %d consultations", clients, consultations)
        return DemoReport(clients, consultations, signed)

    def _client(self, rng: random.Random, today: date, device_id: str) -> Client:
        now = self._clock.now()
        details = demo_client(rng, today)
        return Client(ClientId(_uuid(rng)), details, now, now, DeviceId(device_id))

    def _consultation(
        self, rng: random.Random, kind: _Kind, client: Client, today: date
    ) -> ConsultationRow:
        d = client.details
        assert d.date_of_birth is not None
        # Signed records over ten years; a draft is an assessment left unfinished lately.
        on = today - timedelta(days=rng.randrange(0, 3650 if kind.signed else 14))
        history = dict(kind.template.medical_history)
        if "isotretinoin" in history and history["isotretinoin"].answer is Answer.YES:
            last = on - timedelta(days=60)
            history["isotretinoin"] = HistoryAnswer(
                Answer.YES, {"ongoing": False, "last_dose": last}
            )
        signed_at = datetime(on.year, on.month, on.day, 10, tzinfo=UTC)
        names = {SignatureRole.CLIENT: d.display_name}
        record = replace(
            kind.template,
            record_id=_uuid(rng),
            consultation_date=on,
            client=ClientInfo(client.id, d.family_name, d.given_name, d.date_of_birth),
            medical_history=history,
            signatures=tuple(
                replace(sig, signed_at=signed_at, name=names.get(sig.role, sig.name))
                for sig in kind.template.signatures
            ),
        )
        at = utc_timestamp(signed_at)  # made on the day of the consultation
        return ConsultationRow(
            id=record.record_id,
            client_id=client.id,
            state="closed" if kind.signed else "draft",
            summary=summary_data(record, kind.outcome),
            record=record_to_dict(record),
            page=0 if kind.signed else rng.randrange(0, 6),
            content_version=record.content_version if kind.signed else None,
            record_hash=record_hash(record) if kind.signed else None,
            created_at=at,
            updated_at=at,
            closed_at=at if kind.signed else None,
            closed_by=record.practitioner.id if kind.signed and record.practitioner else None,
        )

    def _kinds(
        self, catalogue: Catalogue, practitioner_id: str, profile: PractitionerProfile
    ) -> list[_Kind]:
        name = profile.full_name
        base = _base(catalogue)
        kinds = []
        for _label, weight, changes, signed in (
            ("suitable", 45, {}, True),
            (
                "precautions",
                15,
                {
                    "medical_history": {"cold_sores": {"answer": "yes"}},
                    "skin": {"fitzpatrick": {"method": "direct", "type": 5}},
                },
                True,
            ),
            (
                "defer",
                15,
                {
                    "medical_history": {
                        "isotretinoin": {
                            "answer": "yes",
                            "ongoing": False,
                            "last_dose": "2026-01-01",
                        }
                    }
                },
                True,
            ),
            ("not_suitable", 5, {"medical_history": {"keloid_tendency": {"answer": "yes"}}}, True),
            ("draft", 3, {}, False),
        ):
            data = _merge(base, changes)
            record = record_from_dict(data, catalogue)
            decision = assess(record, record.consultation_date, catalogue).decision
            record = replace(
                record, acknowledged_precautions=tuple(p.rule_id for p in decision.precautions)
            )
            assessment = assess(record, record.consultation_date, catalogue)
            outcome = assessment.decision.outcome
            if signed and outcome in (Outcome.SUITABLE, Outcome.SUITABLE_WITH_PRECAUTIONS):
                record = consented(record, assessment.plan, catalogue, name, _TEMPLATE_TIME)
            if signed:
                record = replace(
                    record,
                    practitioner=SigningPractitioner(
                        practitioner_id, name, profile.profession, profile.registration_number
                    ),
                    content_version=catalogue.version,
                )
            kinds.append(_Kind(weight, record, signed, outcome if signed else None))
        return kinds


def _uuid(rng: random.Random) -> str:
    """A random (version 4) UUID drawn from ``rng``: the same seed gives the same ids."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _base(catalogue: Catalogue) -> dict[str, Any]:
    return {
        "format": "mneedle-consultation",
        "format_version": 2,
        "record_id": "00000000-0000-4000-8000-000000000000",
        "consultation_date": "2026-06-01",
        "client": {
            "id": "00000000-0000-4000-8000-000000000001",
            "family_name": "Demo",
            "given_name": "Client",
            "date_of_birth": "1990-05-12",
        },
        "medical_history": {q: {"answer": "no"} for q in catalogue.questions},
        "skin": {
            "fitzpatrick": {
                "method": "quiz",
                "answers": {q.id: 1 for q in catalogue.fitzpatrick_questions},
            }
        },
        "areas": [
            {
                "area": "cheeks",
                "skin_thickness": "thick",
                "scar": {"type": "rolling", "goodman_baron_qualitative": 3},
            }
        ],
        "plan": {
            "device": "pen_steel",
            "depths_mm": {"cheeks": 1.5},
            "sessions": 4,
            "interval_weeks": 4,
            "topical_anaesthetic": True,
            "test_patch": True,
        },
    }


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``changes``: medical history answers are added to the base's, every
    other part replaces the base's."""
    out = dict(base)
    for key, value in changes.items():
        out[key] = {**base[key], **value} if key == "medical_history" else value
    return out


def consented(
    record: ConsultationRecord,
    plan: PlanProposal | None,
    catalogue: Catalogue,
    practitioner_name: str,
    signed_at: datetime,
) -> ConsultationRecord:
    """``record`` with the consent gone through (every statement agreed, no photographs)
    and signed by the client and the practitioner: a synthetic signature, a zigzag."""
    consent = ConsentAnswers(
        version=catalogue.consent.version,
        fingerprint=consent_fingerprint(record, plan, catalogue),
        read_to_end=True,
        statements={s.id: True for s in catalogue.consent.statements},
        electronic_signature=True,
        photo_clinical=False,
        photo_marketing=False,
    )
    stroke = tuple((float(10 + 6 * i), float(40 + (i % 2) * 30), 15 * i) for i in range(30))
    png = _png()
    client = f"{record.client.given_name} {record.client.family_name}"
    signatures = (
        Signature(SignatureRole.CLIENT, client, "agrees", signed_at, 0, (stroke,), png),
        Signature(
            SignatureRole.PRACTITIONER,
            practitioner_name,
            "countersigns",
            signed_at,
            0,
            (stroke,),
            png,
        ),
    )
    return replace(record, consent=consent, signatures=signatures)
