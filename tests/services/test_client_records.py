import hashlib
import io
import json
import random
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mneedle_desktop.domain.clients import Client
from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.domain.ids import ClientId
from mneedle_desktop.domain.record_json import canonical_json
from mneedle_desktop.services.client_import import ImportRefusedError
from mneedle_desktop.services.container import AppServices
from tests.conftest import CLINIC, FAST_KDF, OWNER, OWNER_PASSWORD
from tests.crash_writer import consented, record_for
from tests.services.test_clients import ZOE

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def fill_client(services: AppServices) -> Client:
    """A client with a signed consent, a deferral with an addendum, and a draft."""
    client = services.clients.add(ZOE)
    consultations = services.consultations
    started = consultations.start(client.id)
    consultations.sign_consent(
        started, consented(services, record_for(services, started, "suitable.json"))
    )
    started = consultations.start(client.id)
    last = (consultations.today().replace(day=1)).isoformat()
    record = record_for(
        services,
        started,
        "defer-isotretinoin.json",
        isotretinoin={"answer": "yes", "last_dose": last},
    )
    deferred = consultations.close_without_treatment(
        consultations.save_draft(started, record, page=4)
    )
    consultations.add_addendum(deferred, "Called the client: she will come back in spring.")
    draft = consultations.start(client.id)
    consultations.save_draft(draft, draft.record, page=2)
    return client


def snapshot(services: AppServices, client_id: ClientId) -> dict[str, Any]:
    """Everything about a client a user could see, with each record's canonical hash."""
    out: dict[str, Any] = {"details": services.clients.open(client_id).details}
    for summary in services.consultations.history(client_id):
        c = services.consultations.open(summary.id)
        out[c.id] = (
            hashlib.sha256(canonical_json(c.record)).hexdigest(),
            c.state,
            c.record_hash,
            c.outcome,
            [(a.text, a.created_at) for a in services.consultations.addenda(c.id)],
            None if c.editable else services.consultations.document(c),
        )
    return out


@pytest.fixture
def empty_services(tmp_path: Path, clock: FixedClock) -> Iterator[AppServices]:
    """A second clinic's store, set up, with nobody's records in it."""
    other = tmp_path / "other"
    other.mkdir()
    services = AppServices.open(other / "mneedle.sqlite3", clock, kdf=FAST_KDF)
    services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
    yield services
    services.close()


def state(services: AppServices) -> tuple[int, int, int]:
    """(clients, consultations, audit entries): what an import must leave unchanged."""
    with services.store.read() as s:
        audit = len(s.audit.entries())
    clients = services.clients.summaries()
    consultations = sum(len(services.consultations.history(c.id)) for c in clients)
    return len(clients), consultations, audit


@pytest.mark.parametrize("as_zip", [False, True])
def test_export_then_import_into_an_empty_store_reproduces_the_record_exactly(
    owner_services: AppServices, empty_services: AppServices, tmp_path: Path, as_zip: bool
) -> None:
    client = fill_client(owner_services)
    out = tmp_path / ("export.zip" if as_zip else "export")
    report = owner_services.client_export.export_client(client.id, out)
    assert (report.consultations, report.documents) == (3, 2)

    imported = empty_services.client_import.import_paths([out])

    assert (imported.clients_added, imported.consultations_added) == (1, 3)
    assert snapshot(empty_services, client.id) == snapshot(owner_services, client.id)
    again = empty_services.client_import.import_paths([out])  # idempotent by id
    assert (again.clients_added, again.consultations_added, again.already_here) == (0, 0, 3)
    assert snapshot(empty_services, client.id) == snapshot(owner_services, client.id)


def test_the_package_holds_the_documented_records_and_no_names_in_file_names(
    owner_services: AppServices, tmp_path: Path
) -> None:
    client = fill_client(owner_services)
    out = tmp_path / "export"
    owner_services.client_export.export_client(client.id, out)
    names = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert "client-record.json" in names
    assert sum(n.startswith("records/") for n in names) == 3
    assert sum(n.startswith("documents/") and n.endswith(".pdf") for n in names) == 2
    assert not any("rsted" in n or "Zo" in n for n in names)
    for record_file in out.glob("records/*.json"):
        assert json.loads(record_file.read_text(encoding="utf-8"))["format"] == (
            "mneedle-consultation"
        )
    with owner_services.store.read() as s:
        last = s.audit.entries()[-1]
    assert (last.action, last.entity_id) == ("export", client.id)


def test_a_record_that_conflicts_with_a_signed_one_here_is_refused_and_nothing_is_imported(
    owner_services: AppServices, empty_services: AppServices, tmp_path: Path
) -> None:
    client = fill_client(owner_services)
    out = tmp_path / "export"
    owner_services.client_export.export_client(client.id, out)
    empty_services.client_import.import_paths([out])
    # The same ids, but one signed record differs (as if edited elsewhere and re-signed).
    manifest = json.loads((out / "client-record.json").read_text(encoding="utf-8"))
    signed = next(c for c in manifest["consultations"] if c["state"] == "closed")
    record_file = out / signed["record_file"]
    record = json.loads(record_file.read_text(encoding="utf-8"))
    record["skin"]["notes"] = "Changed elsewhere."
    record_file.write_text(json.dumps(record), encoding="utf-8")
    from mneedle_desktop.domain.record_json import record_from_dict, record_hash

    signed["record_hash"] = record_hash(
        record_from_dict(record, empty_services.consultations.catalogue)
    )
    (out / "client-record.json").write_text(json.dumps(manifest), encoding="utf-8")
    before = state(empty_services)

    with pytest.raises(ImportRefusedError, match="conflicts with a signed record here"):
        empty_services.client_import.import_paths([out])
    assert state(empty_services) == before


def test_single_record_files_are_imported_once(empty_services: AppServices) -> None:
    files = [EXAMPLES / "suitable.json", EXAMPLES / "defer-isotretinoin.json"]
    report = empty_services.client_import.import_paths(files)
    assert report.consultations_added == 2
    again = empty_services.client_import.import_paths(files)
    assert (again.consultations_added, again.already_here) == (0, 2)


def spoil_package(source: Path, target: Path, how: str) -> Path:
    """A copy of a package, spoilt one way."""
    shutil.copytree(source, target)
    manifest_path = target / "client-record.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    first = manifest["consultations"][0]
    if how == "truncated":
        manifest_path.write_bytes(manifest_path.read_bytes()[:200])
        return target
    if how == "wrong type":
        first["page"] = "two"
    elif how == "huge string":
        manifest["client"]["details"]["address"] = "x" * 100_000
    elif how == "future birth":
        manifest["client"]["details"]["date_of_birth"] = "2099-01-01"
    elif how == "duplicate id":
        manifest["consultations"].append(dict(first))
    elif how == "unknown field":
        manifest["client"]["nickname"] = "Z"
    elif how == "path escaping":
        first["record_file"] = "../../etc/passwd"
    elif how == "record edited after signing":
        signed = next(c for c in manifest["consultations"] if c["state"] == "closed")
        path = target / signed["record_file"]
        record = json.loads(path.read_text(encoding="utf-8"))
        record["skin"]["notes"] = "edited"
        path.write_text(json.dumps(record), encoding="utf-8")
    elif how == "document swapped":
        signed = [c for c in manifest["consultations"] if c["document_file"]]
        a, b = (target / signed[0]["document_file"], target / signed[1]["document_file"])
        data = a.read_bytes()
        a.write_bytes(b.read_bytes())
        b.write_bytes(data)
    elif how == "record missing":
        (target / first["record_file"]).unlink()
    elif how == "other format":
        manifest["format"] = "someone-elses-export"
    elif how == "forged outcome":
        signed = next(c for c in manifest["consultations"] if c["outcome"] == "defer")
        signed["outcome"] = "suitable"
    elif how == "future time":
        first["created_at"] = "2999-01-01T00:00:00.000Z"
    elif how == "compact birth date":
        manifest["client"]["details"]["date_of_birth"] = "19900512"
    elif how == "another person":
        manifest["client"]["details"]["family_name"] = "Someone Else"
    elif how == "draft with a document":
        draft = next(c for c in manifest["consultations"] if c["state"] == "draft")
        draft["outcome"] = "suitable"
        draft["closed_at"] = draft["created_at"]
    elif how == "duplicate note ids":
        noted = next(c for c in manifest["consultations"] if c["addenda"])
        noted["addenda"].append(dict(noted["addenda"][0]))
    elif how == "note before signing":
        noted = next(c for c in manifest["consultations"] if c["addenda"])
        noted["addenda"][0]["created_at"] = "2020-01-01T00:00:00.000Z"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    "how",
    [
        "truncated",
        "wrong type",
        "huge string",
        "future birth",
        "duplicate id",
        "unknown field",
        "path escaping",
        "record edited after signing",
        "document swapped",
        "record missing",
        "other format",
        "forged outcome",
        "future time",
        "compact birth date",
        "another person",
        "draft with a document",
        "duplicate note ids",
        "note before signing",
    ],
)
def test_a_bad_package_is_refused_with_a_clear_message_and_nothing_changes(
    owner_services: AppServices, empty_services: AppServices, tmp_path: Path, how: str
) -> None:
    client = fill_client(owner_services)
    good = tmp_path / "good"
    owner_services.client_export.export_client(client.id, good)
    bad = spoil_package(good, tmp_path / "bad", how)
    before = state(empty_services)

    with pytest.raises(ImportRefusedError) as refused:
        empty_services.client_import.import_paths([bad])

    assert str(refused.value).startswith("Nothing was imported.")
    assert "Traceback" not in str(refused.value)
    assert state(empty_services) == before


def zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "members",
    [
        {"../outside.json": b"{}", "client-record.json": b"{}"},
        {"/etc/client-record.json": b"{}"},
        {"C:/client-record.json": b"{}"},
        {"a\\..\\client-record.json": b"{}"},
        {"readme.txt": b"hello"},
    ],
)
def test_a_zip_that_reaches_outside_or_is_not_ours_is_refused(
    empty_services: AppServices, tmp_path: Path, members: dict[str, bytes]
) -> None:
    package = tmp_path / "offered.zip"
    package.write_bytes(zip_with(members))
    before = state(empty_services)
    with pytest.raises(ImportRefusedError):
        empty_services.client_import.import_paths([package])
    assert state(empty_services) == before
    assert not (tmp_path / "outside.json").exists()


def test_a_file_that_is_neither_zip_nor_record_is_refused(
    empty_services: AppServices, tmp_path: Path
) -> None:
    junk = tmp_path / "scan.pdf"
    junk.write_bytes(b"%PDF-1.4 not a package")
    with pytest.raises(ImportRefusedError, match="neither"):
        empty_services.client_import.import_paths([junk])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in leaves(v, (*path, k))] or [path]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in leaves(v, (*path, i))] or [path]
    return [path]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(choice=st.integers(min_value=0), value=json_values)
def test_any_value_in_any_place_of_the_manifest_is_imported_or_refused_plainly(
    owner_services: AppServices,
    empty_services: AppServices,
    tmp_path: Path,
    choice: int,
    value: Any,
) -> None:
    good = tmp_path / "good"
    if not good.exists():
        client = fill_client(owner_services)
        owner_services.client_export.export_client(client.id, good)
    manifest = json.loads((good / "client-record.json").read_text(encoding="utf-8"))
    spots = leaves(manifest)
    path = spots[choice % len(spots)]
    target: Any = manifest
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    bad = tmp_path / "bad"
    shutil.rmtree(bad, ignore_errors=True)
    shutil.copytree(good, bad)
    (bad / "client-record.json").write_text(json.dumps(manifest), encoding="utf-8")
    before = state(empty_services)
    try:
        empty_services.client_import.import_paths([bad])
    except ImportRefusedError:
        assert state(empty_services) == before


def test_a_single_record_file_that_claims_to_be_signed_is_refused(
    owner_services: AppServices, empty_services: AppServices, tmp_path: Path
) -> None:
    client = fill_client(owner_services)
    out = tmp_path / "export"
    owner_services.client_export.export_client(client.id, out)
    manifest = json.loads((out / "client-record.json").read_text(encoding="utf-8"))
    signed = next(c for c in manifest["consultations"] if c["state"] == "closed")
    with pytest.raises(ImportRefusedError, match="only inside the client-record package"):
        empty_services.client_import.import_paths([out / signed["record_file"]])


def test_a_record_discarded_here_is_not_brought_back_and_nothing_crashes(
    owner_services: AppServices, tmp_path: Path
) -> None:
    client = owner_services.clients.add(ZOE)
    draft = owner_services.consultations.start(client.id)
    out = tmp_path / "export"
    owner_services.client_export.export_client(client.id, out)
    owner_services.consultations.discard(draft)
    before = state(owner_services)
    with pytest.raises(ImportRefusedError, match="was discarded here"):
        owner_services.client_import.import_paths([out])
    assert state(owner_services) == before


def test_notes_are_not_added_to_a_record_already_here(
    owner_services: AppServices, tmp_path: Path
) -> None:
    client = fill_client(owner_services)
    out = tmp_path / "export"
    owner_services.client_export.export_client(client.id, out)
    manifest = json.loads((out / "client-record.json").read_text(encoding="utf-8"))
    noted = next(c for c in manifest["consultations"] if c["addenda"])
    forged = dict(noted["addenda"][0], id="5b0f3a52-8d2e-4c39-9f59-0f1f2a3b4c99", text="forged")
    noted["addenda"].append(forged)
    (out / "client-record.json").write_text(json.dumps(manifest), encoding="utf-8")
    report = owner_services.client_import.import_paths([out])
    assert report.already_here == 3
    texts = [a.text for a in owner_services.consultations.addenda(noted["record_id"])]
    assert "forged" not in texts


def test_a_zip_bomb_and_a_damaged_zip_are_refused_plainly(
    empty_services: AppServices, tmp_path: Path
) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("client-record.json", b"{}")
        z.writestr("records/x.json", b"\0" * (40 * 1024 * 1024))
    with pytest.raises(ImportRefusedError, match="unpacks to far more"):
        empty_services.client_import.import_paths([bomb])

    damaged = tmp_path / "damaged.zip"
    noise = random.Random(1).randbytes(5000)
    data = bytearray(zip_with({"client-record.json": b"{" + noise + b"}"}))
    for i in range(40, 200):
        data[i] ^= 0xFF  # the compressed stream, not the directory
    damaged.write_bytes(bytes(data))
    with pytest.raises(ImportRefusedError):
        empty_services.client_import.import_paths([damaged])
