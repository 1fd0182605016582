"""``claims --class`` and ``claims --jobs`` written as claims go by (issue 14): the bytes of the
models' JSON (``with_classes(...).to_json``) for files and stored revisions, missed and cached;
``--jobs 2`` prints what ``--jobs 1`` prints, in every format; at most two chunks of items a
worker in flight; and peak memory (the command's and its workers', measured in a child) that
the code before streaming exceeded."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from attribtrack.cli import cli
from attribtrack.extractor.cueclass import with_classes
from attribtrack.extractor.pipeline import extract
from attribtrack.models import DocumentRef
from attribtrack.parallel import map_ordered, workers_for
from attribtrack.render.claims_stream import claims_of, filtered, of_classes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STORY = (FIXTURES / "crocus.txt").read_text(encoding="utf-8")
EDIT = (FIXTURES / "crocus-rev2.txt").read_text(encoding="utf-8")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": "80"})
    return result.exit_code, result.stdout, result.stderr


def attribtrack(cwd: Path, *args: str) -> tuple[int, bytes, bytes]:
    """The CLI in a process of its own, its temporary files in ``cwd``/tmp."""
    (cwd / "tmp").mkdir(exist_ok=True)
    env = {**os.environ, "COLUMNS": "80", "TMPDIR": str(cwd / "tmp")}
    proc = subprocess.run([sys.executable, "-m", "attribtrack", *args], cwd=cwd, capture_output=True,
                          timeout=300, env=env)  # fmt: skip
    return proc.returncode, proc.stdout, proc.stderr


def expected(
    text: str, classes: set[str], indent: int | None, doc: str | None = None, revision: int | None = None
) -> str:
    sha = hashlib.sha256(text.encode()).hexdigest()
    ref = DocumentRef(id=doc, revision=revision, sha256=sha, title=text.split("\n", 1)[0])
    return with_classes(extract(text, document=ref), classes).to_json(indent=indent) + "\n"


@pytest.mark.parametrize("classes", [{"speech"}, {"speech", "writing"}, {"intention"}])
@pytest.mark.parametrize(("fmt", "indent"), [("json", 2), ("jsonl", None)])
def test_class_of_a_file_is_the_models_filtered(
    tmp_path: Path, classes: set[str], fmt: str, indent: int | None
) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    got = run("claims", str(tmp_path / "a.txt"), "--class", ",".join(sorted(classes)), "--format", fmt)
    assert got == (0, expected(STORY, classes, indent), "")


def test_class_of_a_revision_missed_then_cached_is_the_models_filtered(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert run("--store", db, "ingest", str(tmp_path / "a.txt"), "--doc", "crocus")[0] == 0
    want = expected(STORY, {"speech"}, 2, "crocus", 1)
    for _ in ("miss", "hit"):
        assert run("--store", db, "claims", "crocus@1", "--class", "speech", "--format", "json") == (
            0,
            want,
            "",
        )
    # the cache keeps every claim, not the filtered ones
    sha = hashlib.sha256(STORY.encode()).hexdigest()
    ref = DocumentRef(id="crocus", revision=1, sha256=sha, title=STORY.split("\n", 1)[0])
    assert (
        run("--store", db, "claims", "crocus@1", "--format", "jsonl")[1]
        == extract(STORY, document=ref).to_json() + "\n"
    )


def test_filtered_reads_any_cut_of_the_pieces() -> None:
    """The JSON may arrive cut anywhere (a worker's file is read a megabyte at a time)."""
    claims = extract(STORY, document=DocumentRef(sha256="0" * 64))
    text = claims.to_json()
    want = with_classes(claims, {"speech"}).to_json(indent=2)
    for size in (1, 7, 64, 1000, len(text)):
        pieces = [text[i : i + size] for i in range(0, len(text), size)]
        assert "".join(filtered(pieces, of_classes({"speech"}), 2)) == want
        assert list(claims_of(pieces)) == claims.to_dict()["claims"]


@pytest.fixture
def batch(tmp_path: Path) -> list[str]:
    """Six files, two stored revisions (one a cache miss, one a hit), a missing file: enough for
    workers (PARALLEL_MIN)."""
    for i in range(6):
        (tmp_path / f"s{i}.txt").write_text((STORY, EDIT)[i % 2] + f"\n\nThe mayor said {i} piers stand.\n")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(EDIT, encoding="utf-8")
    assert attribtrack(tmp_path, "--store", "s.db", "ingest", "a.txt", "b.txt", "--doc", "crocus")[0] == 0
    assert attribtrack(tmp_path, "--store", "s.db", "claims", "crocus@1", "--format", "jsonl")[0] == 0
    return ["s0.txt", "crocus@1", "s1.txt", "crocus@2", "missing.txt", "s2.txt", "s3.txt", "s4.txt", "s5.txt"]


@pytest.mark.parametrize("extra", [("--format", "jsonl"), ("--format", "jsonl", "--class", "speech"), (),
                                   ("--class", "writing,according")])  # fmt: skip
def test_jobs_2_prints_what_jobs_1_prints(tmp_path: Path, batch: list[str], extra: tuple[str, ...]) -> None:
    assert workers_for(2, len(batch))
    outputs = []
    for jobs in ("1", "2"):
        db = tmp_path / "s.db"
        (tmp_path / f"s-{jobs}.db").write_bytes(db.read_bytes())  # each run its own cache
        outputs.append(
            attribtrack(tmp_path, "--store", f"s-{jobs}.db", "claims", *batch, "--jobs", jobs, *extra)
        )
    assert outputs[0] == outputs[1]
    code, out, err = outputs[1]
    assert code == 3 and err.decode().splitlines()[-1] == "attribtrack: error: 1 of 9 targets were not read"
    assert len(out) > 1000
    assert not list((tmp_path / "tmp").iterdir())  # the workers' files are gone


# --- bounded work in flight -------------------------------------------------------------------


def _held(n: int, where: str) -> int:
    """Item 0 waits for ``where``/go; each other item leaves a file saying it started."""
    if n == 0:
        deadline = time.monotonic() + 60
        while not os.path.exists(os.path.join(where, "go")) and time.monotonic() < deadline:
            time.sleep(0.02)
    else:
        open(os.path.join(where, f"started-{n}"), "w").close()
    return n


def _held_job(job: tuple[int, str]) -> int:
    return _held(*job)


def test_work_in_flight_is_bounded_while_the_first_result_waits(tmp_path: Path) -> None:
    """While the first item is not done, the pool is given at most two chunks a worker: the
    others' results wait, not every item of the batch (``pool.map`` started all 199)."""
    items = [(n, str(tmp_path)) for n in range(200)]
    got = map_ordered(_held_job, items, jobs=2)
    first = []

    def started() -> int:
        return len(list(tmp_path.glob("started-*")))

    import threading

    reader = threading.Thread(target=lambda: first.append(next(got)))
    reader.start()
    size = max(1, min(32, len(items) // (2 * 8)))  # map_ordered's chunks: 12 items
    deadline = time.monotonic() + 60
    while started() < 3 * size and time.monotonic() < deadline:  # chunks 1-3, beside item 0's
        time.sleep(0.05)
    time.sleep(1.0)  # time enough for a pool given everything to start more
    assert 3 * size - 1 <= started() <= 4 * size
    (tmp_path / "go").touch()
    reader.join(60)
    assert first == [0] and list(got) == list(range(1, 200))


# --- memory ------------------------------------------------------------------------------------

#: attribtrack's CLI in a child that writes, as it exits, its own VmHWM and the largest of its
#: workers' peaks (kB).
CHILD = """
import atexit, resource, sys
def _peaks():
    with open("/proc/self/status") as status:
        own = next(l.split()[1] for l in status if l.startswith("VmHWM:"))
    sys.stderr.write(f"\\n{own} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
atexit.register(_peaks)
from attribtrack.cli import main
main()
"""


def peaks(cwd: Path, *args: str) -> tuple[float, float]:
    """(the command's peak, its largest worker's) in MB."""
    proc = subprocess.run([sys.executable, "-c", CHILD, *args], cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, timeout=600, check=True)  # fmt: skip
    own, workers = proc.stderr.decode().split()[-2:]
    return int(own) / 1024, int(workers) / 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc")
def test_table_class_and_jobs_of_large_texts_are_never_held_whole(tmp_path: Path) -> None:
    """Each figure the growth of the peak over one story's. Before (the models of every claim,
    rich's Table of every row, whole lines held by the main process): the table of 2 MB of news
    197 MB, with --class 162 MB, --class json 149 MB; six 2 MB texts with --jobs 2, the table
    295 MB (the models came back to the main process), jsonl 128 MB in a worker. Streamed:
    37, 37, 28, 18 and 33 MB."""
    unit = STORY.rstrip() + "\n\n"
    (tmp_path / "big.txt").write_text(unit * (2_000_000 // len(unit)), encoding="utf-8")
    (tmp_path / "small.txt").write_text(unit, encoding="utf-8")
    for i in range(6):
        (tmp_path / f"big{i}.txt").write_text(unit * (2_000_000 // len(unit)), encoding="utf-8")
        (tmp_path / f"small{i}.txt").write_text(unit, encoding="utf-8")
    base = peaks(tmp_path, "claims", "small.txt")[0]
    over = []  # every case measured, then all that went over named
    for args, most in [
        (("big.txt",), 80),
        (("big.txt", "--class", "speech"), 80),
        (("big.txt", "--class", "speech", "--format", "json"), 80),
    ]:
        grown = peaks(tmp_path, "claims", *args)[0] - base
        if grown >= most:
            over.append(f"claims {' '.join(args)}: {grown:.0f} MB more than for one story")
    bigs = [f"big{i}.txt" for i in range(6)]
    smalls = [f"small{i}.txt" for i in range(6)]
    for fmt, most_main, most_worker in (("text", 60, 500), ("jsonl", 60, 80)):
        own0, worker0 = peaks(tmp_path, "claims", *smalls, "--jobs", "2", "--format", fmt)
        own, worker = peaks(tmp_path, "claims", *bigs, "--jobs", "2", "--format", fmt)
        if own - own0 >= most_main:
            over.append(f"--jobs 2 --format {fmt}: {own - own0:.0f} MB more in the command")
        if worker - worker0 >= most_worker:
            over.append(f"--jobs 2 --format {fmt}: {worker - worker0:.0f} MB more in a worker")
    assert not over, "; ".join(over)
