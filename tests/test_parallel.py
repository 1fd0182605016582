"""``--jobs``: worker processes for ``claims``, ``ingest`` and ``check`` over many inputs.

The CLI runs as a real process here (``python -m attribtrack``), so stdout and stderr are the
bytes a user gets; ``--jobs 2`` must print exactly what ``--jobs 1`` prints, bad inputs included.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from attribtrack.errors import ExitCode, InputError, NotFoundError
from attribtrack.parallel import PARALLEL_MIN, Failure, cpu_count, map_ordered, workers_for

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CROCUS = (FIXTURES / "crocus.txt").read_text(encoding="utf-8")


def _pid(_: object) -> int:
    return os.getpid()


def _square(n: int) -> int:
    return n * n


def _boom(n: int) -> int:
    if n == 5:
        raise ValueError("five")
    return n


def test_results_come_back_in_order_from_worker_processes() -> None:
    items = list(range(40))
    assert list(map_ordered(_square, items, jobs=2)) == [n * n for n in items]
    pids = set(map_ordered(_pid, items, jobs=2))
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_small_batches_and_jobs_1_stay_in_this_process(jobs: int) -> None:
    assert set(map_ordered(_pid, [0], jobs=2)) == {os.getpid()}  # no pool for one input
    assert set(map_ordered(_pid, list(range(PARALLEL_MIN - 1)), jobs=2)) == {os.getpid()}
    if jobs == 1:
        assert set(map_ordered(_pid, list(range(50)), jobs=1)) == {os.getpid()}


def test_workers_for() -> None:
    assert workers_for(1, 100) == 0
    assert workers_for(2, 1) == 0
    assert workers_for(2, PARALLEL_MIN) == 2
    assert workers_for(8, PARALLEL_MIN) == PARALLEL_MIN  # never more workers than inputs
    assert workers_for(None, 100) == workers_for(0, 100) == (cpu_count() if cpu_count() > 1 else 0)
    assert cpu_count() == len(os.sched_getaffinity(0))


def test_a_bug_in_a_worker_propagates_as_it_would_in_process() -> None:
    with pytest.raises(ValueError, match="five"):
        list(map_ordered(_boom, list(range(20)), jobs=2))


def test_failure_keeps_class_message_and_hint() -> None:
    error = Failure.of(NotFoundError("x: no such file", hint="check the path")).error()
    assert type(error) is NotFoundError and error.exit_code == ExitCode.INPUT
    assert str(error) == "x: no such file (check the path)"
    assert str(Failure.of(InputError("plain")).error()) == "plain"


# --- the CLI ---------------------------------------------------------------------------------


def attribtrack(cwd: Path, *args: str, stdin: bytes | None = None) -> tuple[int, bytes, bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("ATTRIBTRACK_STORE", "COLUMNS")}
    proc = subprocess.run(
        [sys.executable, "-m", "attribtrack", *args], cwd=cwd, input=stdin, capture_output=True, env=env
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def batch(tmp_path: Path) -> list[str]:
    """Twelve stories, each a little different, with an empty, a binary and a missing file among
    them."""
    names = []
    for i in range(12):
        text = CROCUS.replace("Peskov", f"Peskov{i}").replace("Shoigu", f"Shoigu{i}")
        (tmp_path / f"story{i:02d}.txt").write_text(text, encoding="utf-8")
        names.append(f"story{i:02d}.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    return [*names[:3], "empty.txt", *names[3:6], "missing.txt", *names[6:9], "binary.txt", *names[9:]]


def _same_for_jobs(cwd: Path, *args: str, stdin: bytes | None = None) -> tuple[int, bytes, bytes]:
    serial = attribtrack(cwd, *args, "--jobs", "1", stdin=stdin)
    parallel = attribtrack(cwd, *args, "--jobs", "2", stdin=stdin)
    assert parallel == serial
    return serial


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_claims_jobs_2_prints_what_jobs_1_prints(tmp_path: Path, batch: list[str], fmt: str) -> None:
    code, out, err = _same_for_jobs(tmp_path, "claims", "--format", fmt, *batch)
    assert code == 3
    assert err.decode().splitlines() == [
        "attribtrack: error: empty.txt: is empty",
        "attribtrack: error: missing.txt: no such file or stored document (no attribtrack store found)",
        "attribtrack: error: binary.txt: looks like a binary file (it contains NUL bytes) (attribtrack "
        "reads .txt, .md, .json, .html and .docx)",
        "attribtrack: error: 3 of 15 targets were not read",
    ]
    if fmt == "jsonl":  # one object per readable target, in argument order
        names = [json.loads(line)["claims"][3]["source"]["name"] for line in out.decode().splitlines()]
        assert names == [f"Dmitry Peskov{i}" for i in range(12)]


def test_claims_one_bad_target_alone_is_its_own_error(tmp_path: Path) -> None:
    assert attribtrack(tmp_path, "claims", "missing.txt", "--jobs", "2") == (
        3,
        b"",
        b"attribtrack: error: missing.txt: no such file or stored document (no attribtrack store found)\n",
    )


def test_claims_reads_stdin_in_the_main_process(tmp_path: Path, batch: list[str]) -> None:
    targets = [t for t in batch if t.startswith("story")]
    targets.insert(4, "-")
    code, out, err = _same_for_jobs(tmp_path, "claims", "--format", "jsonl", *targets, stdin=CROCUS.encode())
    lines = out.decode().splitlines()
    assert (code, err, len(lines)) == (0, b"", 13)
    assert json.loads(lines[4])["claims"][3]["source"]["name"] == "Dmitry Peskov"


def test_check_jobs_2_prints_what_jobs_1_prints(tmp_path: Path, batch: list[str]) -> None:
    for fmt in ("text", "json"):
        code, out, err = _same_for_jobs(tmp_path, "check", "--format", fmt, "--fail-on", "never", *batch)
        # An empty draft is an input error, as for claims and ingest (issue 14): three errors.
        assert code == 3 and err.count(b"attribtrack: error:") == 3 and out


def _store_contents(store: str) -> list[tuple[object, ...]]:
    from attribtrack.store import open_store

    with open_store(store) as st:
        return [
            (d.id, r.number, r.sha256, st.revision(d.id, r.number).text == st.text(r.sha256), r.claims)
            for d in st.documents()
            for r in st.revisions(d.id)
        ]


def test_ingest_then_claims_on_both_backends(tmp_path: Path, batch: list[str], store_url: str) -> None:
    """Ingest reads in the workers and writes here, in argument order; claims over the stored
    documents fill the cache from the main process. The same with one process, into another store."""
    serial_store = str(tmp_path / "serial.db")
    outputs = []
    for jobs, store in (("1", serial_store), ("2", store_url)):
        ingested = attribtrack(tmp_path, "--store", store, "ingest", *batch, "--jobs", jobs)
        docs = [t.removesuffix(".txt") for t in batch if t.startswith("story")]
        claimed = attribtrack(
            tmp_path, "--store", store, "claims", "--format", "jsonl", *docs, "--jobs", jobs
        )
        outputs.append((ingested, claimed))
    assert outputs[0] == outputs[1]
    (code, out, err), (claims_code, _, claims_err) = outputs[1]
    assert (code, claims_code, claims_err) == (3, 0, b"")
    assert out.decode().splitlines()[0].startswith("added story00@1 from story00.txt (")
    assert err.decode().splitlines()[-1] == "attribtrack: error: 3 of 15 inputs were not ingested"
    contents = _store_contents(store_url)
    assert contents == _store_contents(serial_store)
    assert [c[0] for c in contents] == [f"story{i:02d}" for i in range(12)]
    assert all(c[3] and c[4] == 26 for c in contents)  # texts intact, claims cached by the main process
