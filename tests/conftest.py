"""Shared fixtures: a real PostgreSQL for the store tests (``pg_url``) and the ``store_url`` of
either backend.

``ATTRIBTRACK_TEST_POSTGRES`` names a database on a server the tests may use (``.ci/run`` starts one;
for development ``/work/pg-dev.sh``-style servers work too). Each test gets a fresh schema in it,
named by the URL's ``options=-csearch_path`` (libpq's own parameter), dropped afterwards. In CI
(``CI`` set) a missing or unreachable server is a failure; elsewhere the tests skip, and the terminal
summary says why.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

_SKIPPED: list[str] = []


def _server() -> tuple[str | None, str]:
    url = os.environ.get("ATTRIBTRACK_TEST_POSTGRES")
    if not url:
        return None, "ATTRIBTRACK_TEST_POSTGRES is not set"
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=5, autocommit=True) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # an unreachable server or no psycopg: say which
        return None, f"cannot reach ATTRIBTRACK_TEST_POSTGRES ({' '.join(str(exc).split())[:160]})"
    return url, ""


@pytest.fixture(scope="session")
def pg_server() -> str:
    url, why = _server()
    if url is None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests must run in CI: {why}")
        _SKIPPED.append(why)
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    return url


def with_schema(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A URL whose every table lives in a fresh, empty schema (dropped after the test)."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield with_schema(pg_server, schema)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store goes, on each backend: a file path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_url"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _SKIPPED:
        terminalreporter.write_line(f"PostgreSQL tests were skipped (not in CI): {_SKIPPED[0]}", yellow=True)
