"""A client's record as a package: what a clinic hands over for a data-access or
portability request, and what another copy of the program imports.

The package is a folder (or a zip of one) holding ``client-record.json`` (this module's
manifest: the client's details and, for each consultation, its state, times, hash and
addenda), ``records/<id>.json`` (each consultation in the documented record format) and
``documents/<id>.pdf`` (each signed document as kept). Member names are fixed by the ids,
so a package can never name a file outside itself.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from mneedle_desktop.domain.clients import ClientDetails, Sex, details_to_dict
from mneedle_desktop.domain.clock import parse_utc_timestamp
from mneedle_desktop.domain.screening import Outcome

PACKAGE_FORMAT = "mneedle-client-record"
PACKAGE_VERSION = 1
MANIFEST_NAME = "client-record.json"
MAX_ADDENDUM_LENGTH = 20_000
_SHA256 = re.compile(r"[0-9a-f]{64}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class PackageError(ValueError):
    """The package cannot be imported; the message lists what is wrong."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class AddendumEntry:
    id: str
    text: str
    author: str
    created_at: str


@dataclass(frozen=True)
class ConsultationEntry:
    record_id: str
    state: str  # "draft" or "closed"
    outcome: str | None
    page: int
    content_version: str | None
    record_hash: str | None
    created_at: str
    updated_at: str
    closed_at: str | None
    closed_by: str | None
    document_sha256: str | None
    addenda: tuple[AddendumEntry, ...] = ()

    @property
    def record_file(self) -> str:
        return record_member(self.record_id)

    @property
    def document_file(self) -> str | None:
        return document_member(self.record_id) if self.document_sha256 else None


@dataclass(frozen=True)
class PackageManifest:
    exported_at: str
    app_version: str
    client_id: str
    details: ClientDetails
    created_at: str
    updated_at: str
    consultations: tuple[ConsultationEntry, ...]


def record_member(record_id: str) -> str:
    return f"records/{record_id}.json"


def document_member(record_id: str) -> str:
    return f"documents/{record_id}.pdf"


def manifest_to_dict(m: PackageManifest) -> dict[str, Any]:
    return {
        "format": PACKAGE_FORMAT,
        "format_version": PACKAGE_VERSION,
        "exported_at": m.exported_at,
        "app_version": m.app_version,
        "client": {
            "id": m.client_id,
            "details": details_to_dict(m.details),
            "created_at": m.created_at,
            "updated_at": m.updated_at,
        },
        "consultations": [
            {
                "record_id": c.record_id,
                "state": c.state,
                "outcome": c.outcome,
                "page": c.page,
                "content_version": c.content_version,
                "record_hash": c.record_hash,
                "created_at": c.created_at,
                "updated_at": c.updated_at,
                "closed_at": c.closed_at,
                "closed_by": c.closed_by,
                "record_file": c.record_file,
                "document_file": c.document_file,
                "document_sha256": c.document_sha256,
                "addenda": [
                    {"id": a.id, "text": a.text, "author": a.author, "created_at": a.created_at}
                    for a in c.addenda
                ],
            }
            for c in m.consultations
        ],
    }


class _Reader:
    """Strict reading: every problem is collected with where it is."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def table(self, value: Any, where: str, keys: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, "should be an object")
            return {}
        unknown = sorted(set(value) - keys)
        missing = sorted(keys - set(value))
        if unknown:
            self.fail(where, f"unknown field(s) {', '.join(unknown)}")
        if missing:
            self.fail(where, f"missing field(s) {', '.join(missing)}")
        return value

    def text(self, obj: dict[str, Any], key: str, where: str, *, limit: int = 2000) -> str:
        value = obj.get(key, "")
        if not isinstance(value, str):
            self.fail(f"{where}.{key}", "should be text")
            return ""
        if len(value) > limit:
            self.fail(f"{where}.{key}", f"longer than {limit} characters")
        return value

    def optional_text(self, obj: dict[str, Any], key: str, where: str) -> str | None:
        return None if obj.get(key) is None else self.text(obj, key, where)

    def uuid(self, obj: dict[str, Any], key: str, where: str) -> str:
        value = self.text(obj, key, where, limit=36)
        try:
            if str(uuid.UUID(value)) != value:
                raise ValueError
        except ValueError:
            self.fail(f"{where}.{key}", "should be an id (a UUID in lower case)")
        return value

    def time(self, obj: dict[str, Any], key: str, where: str, *, optional: bool = False) -> str:
        if optional and obj.get(key) is None:
            return ""
        value = self.text(obj, key, where, limit=40)
        try:
            parse_utc_timestamp(value)
            if not value.endswith("Z"):
                raise ValueError
        except ValueError:
            self.fail(f"{where}.{key}", "should be a UTC time like 2026-11-25T10:30:00.000Z")
        return value

    def digest(self, obj: dict[str, Any], key: str, where: str) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not _SHA256.fullmatch(value):
            self.fail(f"{where}.{key}", "should be a SHA-256 in hexadecimal")
            return None
        return value


def manifest_from_dict(data: Any) -> PackageManifest:
    """The manifest, checked field by field; ``PackageError`` lists every problem."""
    r = _Reader()
    top = r.table(
        data,
        MANIFEST_NAME,
        {"format", "format_version", "exported_at", "app_version", "client", "consultations"},
    )
    if top.get("format") != PACKAGE_FORMAT:
        raise PackageError([f"{MANIFEST_NAME} is not a MNeedle Desktop client record"])
    if top.get("format_version") != PACKAGE_VERSION:
        raise PackageError(
            [
                f"{MANIFEST_NAME} has format version {top.get('format_version')!r}; this version "
                f"reads {PACKAGE_VERSION}"
            ]
        )
    client = r.table(top.get("client"), "client", {"id", "details", "created_at", "updated_at"})
    details = _details(r, client.get("details"))
    consultations: list[ConsultationEntry] = []
    listed = top.get("consultations")
    if not isinstance(listed, list):
        r.fail("consultations", "should be a list")
        listed = []
    seen: set[str] = set()
    for i, value in enumerate(listed):
        entry = _consultation(r, value, f"consultations[{i}]")
        if entry.record_id in seen:
            r.fail(f"consultations[{i}].record_id", "appears twice")
        seen.add(entry.record_id)
        consultations.append(entry)
    manifest = PackageManifest(
        exported_at=r.time(top, "exported_at", MANIFEST_NAME),
        app_version=r.text(top, "app_version", MANIFEST_NAME, limit=40),
        client_id=r.uuid(client, "id", "client"),
        details=details,
        created_at=r.time(client, "created_at", "client"),
        updated_at=r.time(client, "updated_at", "client"),
        consultations=tuple(consultations),
    )
    if r.problems:
        raise PackageError(r.problems)
    return manifest


def _before(a: str | None, b: str | None) -> bool:
    """Whether time ``a`` is before time ``b`` (False when either is missing or unreadable)."""
    try:
        return bool(a and b) and parse_utc_timestamp(str(a)) < parse_utc_timestamp(str(b))
    except ValueError:
        return False


def _details(r: _Reader, value: Any) -> ClientDetails:
    where = "client.details"
    d = r.table(
        value,
        where,
        {
            "family_name",
            "given_name",
            "date_of_birth",
            "sex",
            "phone",
            "email",
            "address",
            "gp",
            "emergency_contact",
        },
    )
    born: date | None = None
    try:
        text = str(d.get("date_of_birth"))
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        born = date.fromisoformat(text)
    except ValueError:
        r.fail(f"{where}.date_of_birth", "should be a date like 1990-05-12")
    try:
        sex = Sex(str(d.get("sex")))
    except ValueError:
        r.fail(f"{where}.sex", f"should be one of {', '.join(s.value for s in Sex)}")
        sex = Sex.NOT_STATED
    return ClientDetails(
        family_name=r.text(d, "family_name", where),
        given_name=r.text(d, "given_name", where),
        date_of_birth=born,
        sex=sex,
        phone=r.text(d, "phone", where),
        email=r.text(d, "email", where),
        address=r.text(d, "address", where),
        gp=r.text(d, "gp", where),
        emergency_contact=r.text(d, "emergency_contact", where),
    )


def _consultation(r: _Reader, value: Any, where: str) -> ConsultationEntry:
    c = r.table(
        value,
        where,
        {
            "record_id",
            "state",
            "outcome",
            "page",
            "content_version",
            "record_hash",
            "created_at",
            "updated_at",
            "closed_at",
            "closed_by",
            "record_file",
            "document_file",
            "document_sha256",
            "addenda",
        },
    )
    record_id = r.uuid(c, "record_id", where)
    state = c.get("state")
    if state not in ("draft", "closed"):
        r.fail(f"{where}.state", "should be draft or closed")
    outcome = c.get("outcome")
    if outcome is not None and outcome not in [o.value for o in Outcome]:
        r.fail(f"{where}.outcome", "is not a screening outcome")
    page = c.get("page")
    if not isinstance(page, int) or isinstance(page, bool) or not 0 <= page <= 50:
        r.fail(f"{where}.page", "should be a page number")
        page = 0
    record_hash = r.digest(c, "record_hash", where)
    document_sha256 = r.digest(c, "document_sha256", where)
    if state == "closed" and (record_hash is None or outcome is None or c.get("closed_at") is None):
        r.fail(where, "a signed consultation needs its outcome, record_hash and closed_at")
    if c.get("record_file") != record_member(record_id):
        r.fail(f"{where}.record_file", f"should be {record_member(record_id)}")
    expected_document = document_member(record_id) if document_sha256 else None
    if c.get("document_file") != expected_document:
        r.fail(f"{where}.document_file", f"should be {expected_document}")
    addenda_value = c.get("addenda")
    addenda: list[AddendumEntry] = []
    if not isinstance(addenda_value, list):
        r.fail(f"{where}.addenda", "should be a list")
        addenda_value = []
    for j, a_value in enumerate(addenda_value):
        a_where = f"{where}.addenda[{j}]"
        a = r.table(a_value, a_where, {"id", "text", "author", "created_at"})
        addenda.append(
            AddendumEntry(
                id=r.uuid(a, "id", a_where),
                text=r.text(a, "text", a_where, limit=MAX_ADDENDUM_LENGTH),
                author=r.text(a, "author", a_where, limit=100),
                created_at=r.time(a, "created_at", a_where),
            )
        )
    if state == "draft" and (
        outcome is not None
        or c.get("closed_at") is not None
        or c.get("closed_by") is not None
        or record_hash is not None
        or document_sha256 is not None
        or addenda
    ):
        r.fail(where, "a draft has no outcome, signing, hash, document or notes")
    if len({a.id for a in addenda}) != len(addenda):
        r.fail(f"{where}.addenda", "an addendum id appears twice")
    created = r.time(c, "created_at", where)
    closed = r.time(c, "closed_at", where, optional=True) or None
    if _before(closed, created):
        r.fail(f"{where}.closed_at", "is before the consultation was created")
    for note in addenda:
        if _before(note.created_at, closed):
            r.fail(f"{where}.addenda", "a note is dated before the record was signed")
    return ConsultationEntry(
        record_id=record_id,
        state=str(state),
        outcome=outcome if isinstance(outcome, str) else None,
        page=page,
        content_version=r.optional_text(c, "content_version", where),
        record_hash=record_hash,
        created_at=created,
        updated_at=r.time(c, "updated_at", where),
        closed_at=closed,
        closed_by=r.optional_text(c, "closed_by", where),
        document_sha256=document_sha256,
        addenda=tuple(addenda),
    )
