#!/usr/bin/env python3
"""Hostile inputs (issue 14, "Time and memory"): each command's exit code, seconds and peak memory.

usage: python benchmarks/bench_hostile.py [--only TEXT] [--timeout S] [--max-memory MB] [--keep DIR]

Every case runs the installed ``attribtrack`` (the one beside this interpreter) in a subprocess of
its own, with a per-case timeout, so the table is always printed: a case that hangs shows
``timeout``; and with an address-space cap (``--max-memory``, 4096 MB), so that a case that
would take all memory fails (typically exit 70, MemoryError) instead. Peak memory is the
command's maximum resident set, measured by GNU time
(``/usr/bin/time``; without it, ``os.wait4``, which also counts what the child inherited).
The inputs are generated (nothing downloaded); "news" text is PolNeAR's train articles, read
from ../shared/polnear beside the checkout and repeated (never copied into the project), or the
seed story when PolNeAR is not there. The machine may be shared: the figures are pessimistic.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
EXE = os.path.join(os.path.dirname(sys.executable), "attribtrack")
MB = 1_000_000


def _seed() -> str:
    for path in (
        os.path.join(SHARED, "corpus", "dev", "crocus.txt"),
        os.path.join(ROOT, "fixtures", "crocus.txt"),
    ):
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                return fh.read()
    raise SystemExit("no seed text (fixtures/crocus.txt)")


def _news() -> str:
    import glob

    paths = sorted(glob.glob(os.path.join(SHARED, "polnear", "train", "text", "*.txt")))
    if not paths:
        return _seed()
    parts = []
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            parts.append(fh.read().strip())
    return "\n\n".join(parts)


def _repeat(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` UTF-8 bytes (cut at a paragraph break)."""
    unit = unit.rstrip() + "\n\n"
    n = size // len(unit.encode("utf-8")) + 1
    out = (unit * n).encode("utf-8")[:size].decode("utf-8", "ignore")
    cut = out.rfind("\n\n")
    return out[: cut + 2] if cut > 0 else out


def _write(d: str, name: str, text: str | Callable[[], str]) -> str:
    """The input file (made once: ``text`` may be a function, called only then)."""
    path = os.path.join(d, name)
    if not os.path.exists(path):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text() if callable(text) else text)
    return path


def _random_marks(size: int) -> str:
    """Random Unicode quotation marks and separators (seeded: the same input every run)."""
    rnd = random.Random(14)
    alphabet = (
        "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a\u2033\u02bc`"
        " \n\n\t,.;:!?\u2014\u2013-\u2028\u2029\u00a0\u3000\u200b()[]"
    )
    out = []
    total = 0
    while total < size:
        c = rnd.choice(alphabet)
        out.append(c)
        total += len(c.encode("utf-8"))
    return "".join(out)


def _docx_bomb(d: str, size: int) -> str:
    """A .docx whose document.xml inflates to ``size`` bytes (about 1000:1)."""
    path = os.path.join(d, f"bomb-{size // MB}M.docx")
    if os.path.exists(path):
        return path
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        _skeleton(z)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            head = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            head += b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            fh.write(head)
            chunk = b" " * MB
            for _ in range(size // MB):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def _laughs_docx(d: str) -> str:
    path = os.path.join(d, "laughs.docx")
    if os.path.exists(path):
        return path
    ents = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    xml = (
        '<?xml version="1.0"?><!DOCTYPE w:document [' + "".join(ents) + "]>"
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        _skeleton(z)
        z.writestr("word/document.xml", xml)
    return path


def _skeleton(z: zipfile.ZipFile) -> None:
    """Every part of a real (python-docx) document but word/document.xml, which the caller writes."""
    import io

    try:
        import docx
    except ImportError:  # no python-docx: a bare package (a reader may reject it sooner)
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        return
    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(buf) as src:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, src.read(info.filename))


_ALIASES = (
    "---\n"
    "title: aliases\n"
    "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
    "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"
    "---\n\nCarl Weber said the dam held.\n"
)


def _cases(d: str) -> list[tuple[str, Callable[[], list[str]], str | None]]:
    """(name, a function making the arguments, stdin file or None)."""
    seed, store = _seed(), os.path.join(d, "store.db")

    def commas(size: int) -> Callable[[], list[str]]:
        def make() -> list[str]:
            a = _write(d, f"commas-{size}.txt", "," * size + "\n")
            b = _write(d, f"mayor-{size}.txt", "The mayor said" + ", " * (size // 2) + "\n")
            return ["diff", a, b]

        return make

    def claims(name: str, make_text: Callable[[], str]) -> Callable[[], list[str]]:
        return lambda: ["claims", _write(d, name, make_text), "--format", "json"]

    def fifo() -> list[str]:
        path = os.path.join(d, "fifo")
        if not os.path.exists(path):
            os.mkfifo(path)
        return ["claims", path]

    cases: list[tuple[str, Callable[[], list[str]], str | None]] = [
        ("diff 10 KB commas vs 'The mayor said, , ,'", commas(10_000), None),
        ("diff 20 KB commas vs 'The mayor said, , ,'", commas(20_000), None),
        (
            "check --against, 20 KB commas",
            lambda: [
                "check",
                _write(d, "mayor-20000.md", "The mayor said" + ", " * 10_000 + "\n"),
                "--against",
                _write(d, "commas-20000.md", "," * 20_000 + "\n"),
            ],
            None,
        ),
        ("claims 1 MB seed text repeated", claims("seed-1M.txt", lambda: _repeat(seed, MB)), None),
        ("claims 4 MB seed text repeated", claims("seed-4M.txt", lambda: _repeat(seed, 4 * MB)), None),
        ("claims 8 MB seed text repeated", claims("seed-8M.txt", lambda: _repeat(seed, 8 * MB)), None),
        ("claims 1 MB news (PolNeAR train)", claims("news-1M.txt", lambda: _repeat(_news(), MB)), None),
        (
            "claims 50 MB news (PolNeAR train)",
            claims("news-50M.txt", lambda: _repeat(_news(), 50 * MB)),
            None,
        ),
        ("claims 1 MB random quote marks", claims("marks-1M.txt", lambda: _random_marks(MB)), None),
        ("claims 1 MB of commas", claims("commas-1M.txt", lambda: ", " * (MB // 2)), None),
        ("claims 1 MB 'Xy: said' paragraphs", claims("labels-1M.txt", lambda: _labels(MB)), None),
        # claim-dense text: the cost is per claim, and these have the most claims a megabyte
        (
            "claims 1 MB 'He said so.' one paragraph",
            claims("hesaid-1M.txt", lambda: _run_on("He said so. ", MB)),
            None,
        ),
        (
            "claims 1 MB '\"Yes,\" she said.' one paragraph",
            claims("yes-1M.txt", lambda: _run_on('"Yes," she said. ', MB)),
            None,
        ),
        (
            "claims 1 MB 'Xyz Smith said' speakers",
            claims("speakers-1M.txt", lambda: _speakers(MB)),
            None,
        ),
        (
            "claims 1 MB 'Xy: we said no.' labels",
            claims("labels-short-1M.txt", lambda: _labels(MB, "we said no.")),
            None,
        ),
        # the same density with no two paragraphs alike (seeded): a memo of repeated sentences alone
        # does not make it fast
        ("claims 1 MB varied claim-dense news", claims("varied-1M.txt", lambda: _varied(MB)), None),
        (
            "check 350,000 unmatched \u201c",
            lambda: ["check", _write(d, "unmatched.md", "\u201c" * 350_000 + "\n")],
            None,
        ),
        (
            "ingest YAML nested aliases",
            lambda: ["--store", store, "ingest", _write(d, "aliases.md", _ALIASES)],
            None,
        ),
        ("claims YAML nested aliases", lambda: ["claims", _write(d, "aliases.md", _ALIASES)], None),
        (
            "ingest .docx bomb (2 GB inflated)",
            lambda: ["--store", store, "ingest", _docx_bomb(d, 2000 * MB)],
            None,
        ),
        ("ingest billion-laughs .docx", lambda: ["--store", store, "ingest", _laughs_docx(d)], None),
        ("claims /dev/zero", lambda: ["claims", "/dev/zero"], None),
        ("claims a FIFO nobody writes", fifo, None),
        ("claims - (stdin from /dev/zero)", lambda: ["claims", "-"], "/dev/zero"),
    ]
    return cases


def _word(n: int) -> str:
    """The ``n``th of 26**4 distinct capitalised four-letter words."""
    return "".join(chr(97 + (n // 26**k) % 26) for k in range(4)).capitalize()


def _labels(size: int, rest: str = "the plan said nothing at all about it.") -> str:
    """Paragraphs opening with a distinct one-word label ("Qa: ..."): each label looked up once."""
    out, total, n = [], 0, 0
    while total < size:
        n += 1
        para = f"{_word(n)}: {rest}\n\n"
        out.append(para)
        total += len(para)
    return "".join(out)


def _speakers(size: int) -> str:
    """Paragraphs of ten sentences, each with a speaker of its own ("Baaa Smith said ..."): an
    entity a claim."""
    out, total, n = [], 0, 0
    while total < size:
        para = " ".join(f"{_word(n + k)} Smith said the dam held." for k in range(10)) + "\n\n"
        n += 10
        out.append(para)
        total += len(para)
    return "".join(out)


_FIRST = ("Ana", "Carl", "Maria", "Tom", "Li", "Omar", "Grace", "Pedro", "Ines", "Yusuf", "Eva", "Raj")
_ROLE = ("Mayor", "Senator", "Minister", "Governor", "Chief Executive", "Judge", "Professor", "Coach")
_ORG = ("the council", "the ministry", "the union", "the company", "police", "the agency", "the board")
_CUE = tuple(
    "said|told reporters|added|argued|warned|claimed|insisted|noted|explained|wrote|announced|denied"
    "|suggested|believes|thinks|confirmed".split("|")
)
_NOUN = tuple(
    "the dam|the budget|the plan|prices|the ferry|the vote|the report|wages|the bridge|taxes"
    "|the school|the election|the deal|the harbour|the trial".split("|")
)
_VERB = tuple(
    "held|would fail|was too high|had risen|will close|is safe|was delayed|must change"
    "|could collapse|was never approved|looked fine|would pass".split("|")
)
_ADV = ("on Monday", "on Tuesday", "last week", "in a statement", "yesterday", "late on Friday", "")


def _varied(size: int) -> str:
    """Claim-dense news-like paragraphs (seeded): varied speakers (a new invented surname a few
    sentences, titles, organisations, pronouns), cues, quotations and contents, so that no
    sentence repeats often. About one claim a sentence, as the repeated cases have."""
    rnd = random.Random(1414)
    out, total, n = [], 0, 0
    last = "Weber"

    def name(opening: bool = True) -> str:
        nonlocal n, last
        n += 1
        last = _word(n * 7 + 3)
        r = rnd.random()
        if r < 0.3:
            return f"{rnd.choice(_ROLE)} {rnd.choice(_FIRST)} {last}"
        if r < 0.5:
            org = rnd.choice(_ORG)
            return org[0].upper() + org[1:] if opening else org
        return f"{rnd.choice(_FIRST)} {last}"

    def content() -> str:
        c = f"{rnd.choice(_NOUN)} {rnd.choice(_VERB)}"
        if rnd.random() < 0.4:
            c += f" because {rnd.choice(_NOUN)} {rnd.choice(_VERB)}"
        return c

    def sentence() -> str:
        r = rnd.random()
        cue = rnd.choice(_CUE)
        adv = rnd.choice(_ADV)
        adv = f" {adv}" if adv else ""
        if r < 0.25:
            return f"{name()} {cue}{adv} that {content()}."
        if r < 0.45:
            q = content()
            return f'"{q[0].upper()}{q[1:]}," {rnd.choice(("he", "she", "they", last))} {cue}{adv}.'
        if r < 0.6:
            return f'{rnd.choice(("He", "She", last))} {cue}{adv}: "{content().capitalize()}."'
        if r < 0.7:
            return f"According to {rnd.choice(_ORG)}, {content()}."
        if r < 0.8:
            return f"{content().capitalize()}, {name(False)} {cue}{adv}."
        if r < 0.9:
            return f'"{content().capitalize()}."'
        return f"{content().capitalize()} {rnd.choice(_ADV) or 'today'}."

    while total < size:
        para = " ".join(sentence() for _ in range(rnd.randint(1, 8))) + "\n\n"
        out.append(para)
        total += len(para)
    return "".join(out)


def _run_on(unit: str, size: int) -> str:
    """``unit`` repeated into one paragraph of ``size`` characters (cut after a whole unit)."""
    return unit * (size // len(unit)) + "\n"


def _limit(max_mb: int) -> None:
    """In the child: an address-space cap, so that a case that reads without end (/dev/zero on a
    version without the size cap) fails there instead of taking the machine's memory."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (max_mb << 20, max_mb << 20))


def _run(
    args: list[str], stdin: str | None, timeout: float, max_mb: int = 4096
) -> tuple[str, float, float, float, int]:
    """(exit code or 'timeout'/'signal N', seconds, CPU seconds, peak RSS in MB, bytes written to
    stdout). CPU seconds are steadier than wall seconds on a shared machine."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # GNU time measures the command from its own small process: a child forked from this one
    # would count this script's memory (the generated inputs) in its peak until it execs.
    report = tempfile.NamedTemporaryFile(prefix="hostile-time-", delete=False)
    report.close()
    timed = ["/usr/bin/time", "-f", "%U %S %M", "-o", report.name] if os.path.exists("/usr/bin/time") else []
    with tempfile.TemporaryFile() as out:
        fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [*timed, EXE, *args],
            stdin=fin,
            stdout=out,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
            preexec_fn=lambda: _limit(max_mb),
        )
        status = None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t0 > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                status = None
                break
            time.sleep(0.02)
        dt = time.perf_counter() - t0
        proc.returncode = 0  # reaped above: keep Popen from waiting again
        if fin is not subprocess.DEVNULL:
            fin.close()
        err = proc.stderr.read().decode("utf-8", "replace").strip().splitlines() if proc.stderr else []
        proc.stderr and proc.stderr.close()
        nbytes = out.tell()
    peak = usage.ru_maxrss / 1024
    cpu = usage.ru_utime + usage.ru_stime
    with open(report.name, encoding="utf-8", errors="replace") as fh:
        lines = fh.read().split()
    os.unlink(report.name)
    if timed and len(lines) >= 3 and lines[-1].isdigit():
        peak = int(lines[-1]) / 1024
        cpu = float(lines[-3]) + float(lines[-2])
    if status is None:
        code = "timeout"
    elif os.WIFSIGNALED(status):
        code = f"signal {os.WTERMSIG(status)}"
    else:
        code = str(os.WEXITSTATUS(status))
        if timed and os.WEXITSTATUS(status) > 128 and "signal" in " ".join(lines):
            code = f"signal {os.WEXITSTATUS(status) - 128}"  # GNU time's way of saying so
    msg = err[-1][:70] if err else ""
    return f"{code:>7} {msg}".rstrip(), dt, cpu, peak, nbytes


def main() -> int:
    args = sys.argv[1:]
    only, timeout, keep, max_mb = None, 300.0, None, 4096
    while args:
        a = args.pop(0)
        if a == "--only":
            only = args.pop(0)
        elif a == "--timeout":
            timeout = float(args.pop(0))
        elif a == "--keep":
            keep = args.pop(0)
        elif a == "--max-memory":
            max_mb = int(args.pop(0))
        else:
            print(__doc__, file=sys.stderr)
            return 2
    d = keep or tempfile.mkdtemp(prefix="hostile-")
    os.makedirs(d, exist_ok=True)
    print(f"attribtrack: {EXE}; inputs in {d}; timeout {timeout:.0f} s, memory cap {max_mb} MB per case")
    print(f"{'case':44s} {'seconds':>8s} {'CPU s':>7s} {'peak MB':>8s} {'out bytes':>10s}  exit")
    for name, make, stdin in _cases(d):
        if only and only not in name:
            continue
        argv = make()
        code, dt, cpu, peak, nbytes = _run(argv, stdin, timeout, max_mb)
        print(f"{name:44s} {dt:8.2f} {cpu:7.2f} {peak:8.0f} {nbytes:10d}  {code}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
