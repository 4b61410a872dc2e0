import sqlite3
from pathlib import Path

import pytest

from mneedle_desktop.domain.audit import AuditAction, AuditEvent, verify_chain
from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.storage.store import Store


@pytest.fixture
def store(database: Path, clock: FixedClock) -> Store:
    s = Store.open(database, clock)
    with s.write() as session:
        for n in range(3):
            session.record(AuditEvent("p1", AuditAction.CREATE, "client", f"c{n}"))
    return s


def test_entries_are_appended_in_order_and_chained(store: Store) -> None:
    with store.read() as s:
        entries = s.audit.entries()
    store.close()
    assert [e.seq for e in entries] == [1, 2, 3]
    assert [e.entity_id for e in entries] == ["c0", "c1", "c2"]
    assert entries[1].prev_hash == entries[0].hash
    assert verify_chain(entries).ok


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_log SET action = 'view' WHERE seq = 2", "DELETE FROM audit_log WHERE seq = 2"],
)
def test_audit_rows_cannot_be_changed_or_deleted(
    store: Store, database: Path, statement: str
) -> None:
    store.close()
    conn = sqlite3.connect(database)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute(statement)
    conn.close()


def test_tampering_with_triggers_dropped_is_detected(
    store: Store, database: Path, clock: FixedClock
) -> None:
    store.close()
    conn = sqlite3.connect(database)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET entity_id = 'someone-else' WHERE seq = 2")
    conn.commit()
    conn.close()
    reopened = Store.open(database, clock)
    report = reopened.health()
    reopened.close()
    assert not report.ok
    assert report.audit.first_broken_seq == 2


def test_removing_the_newest_entries_is_detected(
    store: Store, database: Path, clock: FixedClock
) -> None:
    store.close()
    conn = sqlite3.connect(database)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq = 3")
    conn.commit()
    conn.close()
    reopened = Store.open(database, clock)
    report = reopened.health()
    reopened.close()
    assert report.audit.ok, "what is left is a valid chain"
    assert not report.ok
    assert any("newest entries were removed" in p for p in report.audit_problems)
    assert any("protection" in p for p in report.audit_problems)


def test_intact_store_is_healthy(store: Store) -> None:
    report = store.health()
    store.close()
    assert report.ok
    assert report.audit.entries == 3
