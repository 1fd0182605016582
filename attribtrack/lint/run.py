"""Checking many drafts in one call: configuration per draft, baselines, per-file errors.

This is what ``attribtrack check`` calls. One unreadable draft is recorded in its report and
the others are still checked; a configuration error stops the run (exit 2).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from attribtrack.config import Config, find_config, read_config
from attribtrack.errors import AttribtrackError, ExitCode, InputError, StoreError, UsageError
from attribtrack.lint.rules import Baseline, severity_rank
from attribtrack.plain import Finding

if TYPE_CHECKING:
    import subprocess

    from attribtrack.lint.htmlmap import SourceMap

__all__ = ["DraftReport", "check_drafts", "exit_status", "git_baselines"]

GIT_PREFIX = "git:"


@dataclass(frozen=True)
class DraftReport:
    """The outcome for one draft: its findings, or why it could not be checked."""

    path: str  # how findings name the draft
    text: str
    findings: tuple[Finding, ...] = ()
    fail_on: str = "error"
    error: str | None = None
    baseline: str | None = None  # label of the baseline it was compared with, if any
    rules: tuple[str, ...] = ()  # codes of the rules that ran on it
    #: for an HTML file: where ``text`` (its main text, which spans index) stands in the file
    located: SourceMap | None = None

    @property
    def failing(self) -> tuple[Finding, ...]:
        """Findings at or above this draft's fail-on level."""
        if self.fail_on == "never":
            return ()
        floor = severity_rank(self.fail_on)
        return tuple(f for f in self.findings if severity_rank(f.severity) >= floor)


def exit_status(reports: Sequence[DraftReport], *, exit_zero: bool = False) -> ExitCode:
    """3 if a draft could not be read, else 1 if findings reach fail-on (unless exit_zero), else 0."""
    if any(r.error for r in reports):
        return ExitCode.INPUT
    if not exit_zero and any(r.failing for r in reports):
        return ExitCode.FINDINGS
    return ExitCode.OK


def _read(target: str, store: str | None, encoding: str | None = None) -> tuple[str, str]:
    """(text, path label) of a draft or baseline target, read as every other command reads it
    (:func:`attribtrack.targets.load`): an empty file, a binary one or invalid front matter is
    the same error here as for ``claims`` or ``ingest``."""
    from attribtrack import targets

    loaded = targets.load(target, store=store, encoding=encoding)
    return loaded.text, loaded.path or loaded.label


def _check_known(codes: tuple[str, ...], option: str) -> None:
    """A code or prefix that names no rule (``--select AT9``) would silently check nothing."""
    from attribtrack.lint.registry import RULES

    for code in (c.strip().upper() for c in codes):
        if not any(rule.code.startswith(code) for rule in RULES):
            raise UsageError(
                f"{option}: no rule is {code} or starts with it", hint="`attribtrack rules` lists them"
            )


def check_drafts(
    drafts: Sequence[str],
    *,
    against: str | None = None,
    config_file: str | None = None,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    fail_on: str | None = None,
    store: str | None = None,
    jobs_count: int | None = None,
    encoding: str | None = None,
    changed_lines_only: bool = False,
    baseline_file: str | None = None,
    write_baseline_file: str | None = None,
    progress: Callable[[], None] | None = None,
) -> tuple[DraftReport, ...]:
    """Check every draft; see the module docstring for how failures are handled.

    ``jobs_count`` is the number of worker processes (None: one per CPU; 1: none).
    ``changed_lines_only`` keeps the findings on lines changed since ``against`` (a new draft:
    all of them); ``write_baseline_file`` records this run's findings by fingerprint and
    ``baseline_file`` drops the findings recorded there (:mod:`attribtrack.lint.fingerprint`).
    ``progress`` is called once per draft as it is done (a progress bar).
    """
    if changed_lines_only and not against:
        raise UsageError("--changed-lines-only needs --against (e.g. --against git:origin/main)")
    from attribtrack.lint.fingerprint import read_baseline

    known = read_baseline(baseline_file) if baseline_file else None

    fixed = read_config(Path(config_file)) if config_file else None
    configs: dict[Path | None, Config] = {}

    def config_for(path: str) -> Config:
        if fixed is not None:
            found: Path | None = None
            base = fixed
        else:
            start = Path(path) if Path(path).exists() else Path.cwd()
            found = find_config(start)
            if found not in configs:
                configs[found] = read_config(found) if found else Config()
            base = configs[found]
        return base.with_overrides(select=select, ignore=ignore, fail_on=fail_on)

    # Validate the command-line options before reading anything.
    Config().with_overrides(select=select, ignore=ignore, fail_on=fail_on)
    _check_known(select, "--select")
    _check_known(ignore, "--ignore")
    if against is not None and against.startswith(GIT_PREFIX) and not against[len(GIT_PREFIX) :].strip():
        raise UsageError("--against git:REV needs a revision, e.g. git:main or git:HEAD")

    texts: list[tuple[str, str | None, str | None]] = []  # (label, text or None, error)
    for draft in drafts:
        try:
            text, label = _read(draft, store, encoding)
            texts.append((label, text, None))
        except StoreError:
            raise
        except AttribtrackError as exc:
            texts.append((draft, None, str(exc)))

    baselines: dict[str, Baseline | None | str] = {}
    if against and against.startswith(GIT_PREFIX):
        baselines.update(
            git_baselines([label for label, text, _ in texts if text is not None], against[len(GIT_PREFIX) :])
        )
    elif against:
        base_text, base_label = _read(
            against, store, encoding
        )  # an unreadable baseline stops the run (exit 3)
        shared = Baseline(base_text, base_label)
        baselines = {label: shared for label, text, _ in texts if text is not None}

    jobs: list[_Job | DraftReport] = []
    for label, body, error in texts:
        if body is None:
            jobs.append(DraftReport(label, "", error=error))
            continue
        cfg = config_for(label)
        baseline = baselines.get(label)
        if isinstance(baseline, str):  # git could not give it
            jobs.append(DraftReport(label, body, fail_on=cfg.fail_on, error=baseline))
            continue
        jobs.append(_Job(label, body, cfg, baseline, store, changed_lines_only))
    todo = [j for j in jobs if isinstance(j, _Job)]
    if against and not against.startswith(GIT_PREFIX) and todo:
        todo[0].prepare()  # one extraction of the shared baseline, inherited by every worker
    done = iter(_run(todo, jobs_hint=jobs_count, progress=progress))
    reports = tuple(_locate(next(done)) if isinstance(j, _Job) else j for j in jobs)
    for _ in range(len(jobs) - len(todo) if progress else 0):
        progress()  # type: ignore[misc]  # the drafts that could not be read
    if write_baseline_file is not None or known is not None:
        reports = _against_baseline_file(reports, known, write_baseline_file)
    return reports


HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _locate(report: DraftReport) -> DraftReport:
    """An HTML file's report, with where its findings stand in the file (line and column of the
    file, not of its main text)."""
    if (
        not report.findings
        or not report.path.lower().endswith(HTML_SUFFIXES)
        or not os.path.isfile(report.path)
    ):
        return report
    from dataclasses import replace

    from attribtrack.lint.htmlmap import source_map

    try:
        with open(report.path, "rb") as fh:
            raw = fh.read().decode("utf-8", errors="replace")
    except OSError:
        return report
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return replace(report, located=source_map(report.text, raw))


def _against_baseline_file(
    reports: tuple[DraftReport, ...], known: Counter[str] | None, write: str | None
) -> tuple[DraftReport, ...]:
    from dataclasses import replace

    from attribtrack.lint.fingerprint import fingerprints, write_baseline

    prints = {id(r): fingerprints(r.text, r.findings, r.path) for r in reports}
    if write is not None:
        write_baseline(write, (p for r in reports for p in prints[id(r)]))
    if known is None:
        return reports
    left = Counter(known)
    out = []
    for r in reports:
        kept = []
        for f, p in zip(r.findings, prints[id(r)], strict=True):
            if left[p] > 0:
                left[p] -= 1
            else:
                kept.append(f)
        out.append(replace(r, findings=tuple(kept)))
    return tuple(out)


@dataclass(frozen=True)
class _Job:
    label: str
    text: str
    config: Config
    baseline: Baseline | None
    store: str | None
    changed_only: bool = False

    def prepare(self) -> None:
        from attribtrack.lint.engine import baseline_claims

        if self.baseline is not None:
            baseline_claims(self.baseline, self.config.style, self.config.outlets)

    def __call__(self) -> DraftReport:
        from attribtrack.lint.engine import check
        from attribtrack.lint.registry import RULES

        cfg, baseline = self.config, self.baseline
        findings = check(self.text, baseline, cfg, path=self.label, store=self.store)
        if self.changed_only and baseline is not None:
            from attribtrack.lint.fingerprint import changed_lines, on_lines

            lines = changed_lines(baseline.text, self.text)
            findings = tuple(f for f in findings if on_lines(self.text, f, lines))
        ran = tuple(
            r.code
            for r in RULES
            if cfg.enabled(r.code, self.label) and (baseline is not None or not r.needs_baseline)
        )
        return DraftReport(
            self.label,
            self.text,
            findings,
            cfg.fail_on,
            baseline=baseline.label if baseline else None,
            rules=ran,
        )


def _call(job: _Job) -> DraftReport:
    return job()


def _run(
    todo: list[_Job], *, jobs_hint: int | None, progress: Callable[[], None] | None = None
) -> list[DraftReport]:
    """Run the jobs, in worker processes when there are enough drafts and cores
    (:func:`attribtrack.parallel.map_ordered`: forked, so the baseline extracted by ``prepare``
    is inherited). Results come back in input order, so output never depends on it."""
    from attribtrack.parallel import map_ordered

    reports = []
    for report in map_ordered(_call, todo, jobs=jobs_hint):
        reports.append(report)
        if progress is not None:
            progress()
    return reports


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    import subprocess  # only for --against git:REV

    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except OSError as exc:
        raise InputError(f"cannot run git: {exc.strerror or exc}") from exc


def _decode(data: bytes) -> str:
    text = data.decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def git_baselines(paths: Sequence[str], rev: str) -> dict[str, Baseline | None | str]:
    """For each draft path, its text at git revision ``rev`` (None: not in that revision — a new
    draft, compared with nothing; a string: why git could not answer)."""
    out: dict[str, Baseline | None | str] = {}
    by_repo: dict[Path, list[tuple[str, str]]] = {}
    tops: dict[Path, Path | str] = {}
    for path in paths:
        p = Path(path)
        if not p.exists():
            out[path] = f"{path}: --against git:{rev} needs a file in a git work tree"
            continue
        directory = p.resolve().parent
        if directory not in tops:
            proc = _git(["rev-parse", "--show-toplevel"], directory)
            tops[directory] = (
                Path(_decode(proc.stdout).strip())
                if proc.returncode == 0
                else f"{path}: not in a git work tree"
            )
        top = tops[directory]
        if isinstance(top, str):
            out[path] = top
            continue
        rel = p.resolve().relative_to(top.resolve()).as_posix()
        by_repo.setdefault(top, []).append((path, rel))
    for top, items in by_repo.items():
        proc = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
        if proc.returncode != 0 and rev in ("HEAD", "@") and _unborn(top):
            for path, _ in items:  # the first commit of a repository: every draft is new
                out[path] = None
            continue
        if proc.returncode != 0:
            for path, _ in items:
                out[path] = f"unknown git revision {rev!r} in {top}"
            continue
        commit = _decode(proc.stdout).strip()
        request = "".join(f"{commit}:{rel}\n" for _, rel in items).encode("utf-8")
        proc = _git(["cat-file", "--batch"], top, stdin=request)
        data, pos = proc.stdout, 0
        for path, rel in items:
            header_end = data.index(b"\n", pos)
            header = data[pos:header_end].decode("utf-8", errors="replace").split()
            pos = header_end + 1
            if len(header) == 3 and header[1] == "blob":
                size = int(header[2])
                out[path] = Baseline(_decode(data[pos : pos + size]), f"git:{rev}:{rel}")
                pos += size + 1
            else:  # "missing" (new draft) or not a file at that revision
                out[path] = None
    return out


def _unborn(top: Path) -> bool:
    """Is HEAD a branch with no commit yet (a repository before its first commit)?"""
    return _git(["symbolic-ref", "--quiet", "HEAD"], top).returncode == 0
