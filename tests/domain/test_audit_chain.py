from dataclasses import replace

from mneedle_desktop.domain.audit import GENESIS_HASH, AuditEntry, entry_hash, verify_chain


def chain(n: int) -> list[AuditEntry]:
    entries = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        e = AuditEntry(
            seq,
            f"2026-11-25T10:00:0{seq}.000Z",
            "dev",
            "p1",
            "create",
            "client",
            f"c{seq}",
            "",
            prev,
            "",
        )
        e = replace(e, hash=entry_hash(prev, e.canonical_content()))
        entries.append(e)
        prev = e.hash
    return entries


def test_intact_chain_verifies() -> None:
    verdict = verify_chain(chain(4))
    assert verdict.ok
    assert verdict.entries == 4


def test_edited_entry_is_named() -> None:
    entries = chain(4)
    entries[2] = replace(entries[2], action="delete")
    assert verify_chain(entries).first_broken_seq == 3


def test_removed_entry_breaks_the_next_link() -> None:
    entries = chain(4)
    del entries[1]
    assert verify_chain(entries).first_broken_seq == 3
