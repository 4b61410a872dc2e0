"""A program that writes to a store as a busy practitioner would, for crash tests.

``python -m tests.crash_writer DATA_DIR SEED`` signs in as the test owner, then adds
clients, saves drafts, signs consent, closes deferrals, exports PDFs and backs up, at
random, forever. After each write has returned (committed), it prints one line saying what
is now stored; the test kills it with SIGKILL at a random moment and checks every such line.
"""

import hashlib
import json
import random
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from mneedle_desktop.domain.clients import ClientDetails
from mneedle_desktop.domain.clock import SystemClock
from mneedle_desktop.domain.consultations import Consultation
from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.domain.record import (
    ConsultationRecord,
)
from mneedle_desktop.domain.record_json import record_from_dict
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.services.demo_data import consented as demo_consented
from tests.conftest import FAST_KDF, OWNER, OWNER_PASSWORD

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NAMES = (("Ørsted", "Zoë"), ("Nguyễn", "Thảo"), ("Okafor", "Chidi"), ("Łukasiewicz", "Jan"))


def say(*words: object) -> None:
    print(*words, flush=True)


def record_for(
    services: AppServices, draft: Consultation, example: str, **history: dict[str, str]
) -> ConsultationRecord:
    data = json.loads((EXAMPLES / example).read_text(encoding="utf-8"))
    data["medical_history"].update(history)
    data["record_id"] = draft.id
    data["consultation_date"] = services.consultations.today().isoformat()
    c = draft.record.client
    data["client"] = {
        "id": c.id,
        "family_name": c.family_name,
        "given_name": c.given_name,
        "date_of_birth": c.date_of_birth.isoformat(),
    }
    return record_from_dict(data, services.consultations.catalogue)


def consented(services: AppServices, record: ConsultationRecord) -> ConsultationRecord:
    plan = services.consultations.assess(record).plan
    return demo_consented(
        record, plan, services.consultations.catalogue, OWNER.full_name, services.clock.now()
    )


def main(data_dir: Path, seed: int) -> None:
    rng = random.Random(seed)
    services = AppServices.open(data_dir / "mneedle.sqlite3", SystemClock(), kdf=FAST_KDF)
    services.accounts.sign_in("amira", OWNER_PASSWORD)
    exports = data_dir / "exports"
    exports.mkdir(exist_ok=True)
    clients: list[ClientId] = [r.id for r in services.clients.summaries()]
    signed: list[Consultation] = []
    draft: Consultation | None = None
    edits = 0
    say("ready")
    while True:
        op = rng.choice(
            ("client", "draft", "draft", "draft", "consent", "defer", "export", "backup")
        )
        if op == "client" or not clients:
            family, given = rng.choice(NAMES)
            born = date(1960, 1, 1) + timedelta(days=rng.randrange(14000))
            client = services.clients.add(ClientDetails(family, f"{given} {seed}", born))
            clients.append(client.id)
            say("client", client.id)
        elif op == "draft":
            if draft is None:
                draft = services.consultations.start(rng.choice(clients))
            edits += 1
            notes = f"edit {edits}"
            record = replace(draft.record, skin_notes=notes)
            draft = services.consultations.save_draft(draft, record, page=edits % 5)
            say("draft", draft.id, edits)
        elif op == "consent":
            started = services.consultations.start(rng.choice(clients))
            record = consented(services, record_for(services, started, "suitable.json"))
            closed = services.consultations.sign_consent(started, record)
            signed.append(closed)
            say("signed", closed.id, closed.record_hash)
        elif op == "defer":
            started = services.consultations.start(rng.choice(clients))
            last = services.consultations.today() - timedelta(days=30)
            record = record_for(
                services,
                started,
                "defer-isotretinoin.json",
                isotretinoin={"answer": "yes", "last_dose": last.isoformat()},
            )
            started = services.consultations.save_draft(started, record, page=4)
            closed = services.consultations.close_without_treatment(started)
            signed.append(closed)
            say("signed", closed.id, closed.record_hash)
        elif op == "export" and signed:
            chosen = rng.choice(signed)
            target = exports / f"{chosen.id}.pdf"
            digest = services.consultations.export_pdf(chosen, target)
            assert hashlib.sha256(target.read_bytes()).hexdigest() == digest
            say("export", chosen.id, digest)
        elif op == "backup":
            say("backup", services.backups.back_up().path)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
