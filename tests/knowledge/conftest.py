"""Knowledge fixtures: the store the edit tests change."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine


@pytest.fixture
def store(seeded_engine: Engine) -> Engine:
    """A migrated, seeded store of this test's own, on SQLite and on PostgreSQL."""
    return seeded_engine
