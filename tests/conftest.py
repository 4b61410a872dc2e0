"""Shared fixtures. Qt runs offscreen everywhere, so the suite needs no display."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mneedle_desktop.domain.clinic import ClinicProfile, PractitionerProfile
from mneedle_desktop.domain.clock import FixedClock
from mneedle_desktop.security.kdf import KdfParams
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


# scrypt at a tiny cost: tests create many accounts; the real cost is tested on its own.
FAST_KDF = KdfParams(n=2**8, r=8, p=1)
OWNER_PASSWORD = "calm owner phrase 1"
OWNER = PractitionerProfile("Amira Khan", "Registered nurse", "NMC 12A3456B")
CLINIC = ClinicProfile("Calm Skin Clinic", "1 High Street, Leeds", "0113 496 0000")


@pytest.fixture
def services(database: Path, clock: FixedClock) -> Iterator[AppServices]:
    """A new store with nobody signed in and no owner yet."""
    opened = AppServices.open(database, clock, kdf=FAST_KDF)
    yield opened
    opened.close()


@pytest.fixture
def owner_services(services: AppServices) -> AppServices:
    """A store with the clinic set up and its owner (amira) signed in."""
    services.accounts.create_owner(CLINIC, OWNER, "amira", OWNER_PASSWORD)
    return services
