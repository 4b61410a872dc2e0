"""What ``check`` found: the database's own checks and the audit chain's."""

from dataclasses import dataclass
from pathlib import Path

from mneedle_desktop.domain.audit import ChainVerdict


@dataclass(frozen=True)
class HealthReport:
    path: Path
    schema_version: int
    problems: tuple[str, ...]  # from SQLite's integrity_check and foreign_key_check
    clients: int
    audit: ChainVerdict
    audit_problems: tuple[str, ...] = ()  # the chain's head or protection tampered with

    @property
    def ok(self) -> bool:
        return not self.problems and self.audit.ok and not self.audit_problems
