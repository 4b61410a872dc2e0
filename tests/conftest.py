"""Shared fixtures. Qt runs offscreen everywhere, so the suite needs no display."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.services.container import AppServices
from mneedle_desktop.storage.store import DATABASE_FILENAME


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 25, 10, 30, tzinfo=UTC))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir(mode=0o700)
    return path


@pytest.fixture
def database(data_dir: Path) -> Path:
    return data_dir / DATABASE_FILENAME


@pytest.fixture
def services(database: Path, clock: FixedClock) -> Iterator[AppServices]:
    opened = AppServices.open(database, clock)
    yield opened
    opened.close()
