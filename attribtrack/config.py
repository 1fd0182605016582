"""Project configuration: ``[tool.attribtrack]`` in pyproject.toml, or ``.attribtrack.toml``.

Found by walking up from the draft (or the directory given): at each level ``.attribtrack.toml``
wins over ``pyproject.toml``, and a ``pyproject.toml`` without a ``[tool.attribtrack]`` table is
passed over. Unknown keys are a :class:`~attribtrack.errors.ConfigError` naming the key::

    [tool.attribtrack]
    select = ["AT1", "AT3"]          # code prefixes to run (default: every rule)
    ignore = ["AT104"]               # code prefixes not to run
    fail-on = "warning"              # error (default) | warning | info | never
    severity = { AT103 = "warning" } # per-rule severity ("off" disables the rule)

    [tool.attribtrack.per-path-ignores]
    "opinion/*.md" = ["AT106"]       # glob relative to the configuration file

    [tool.attribtrack.style]
    neutral-cues = ["claimed"]       # cue words that house style treats as neutral
    loaded-cues = ["opined"]         # extra cue words to flag (AT106)
    titles = ["Chief Rabbi"]         # extra titles and roles that introduce a speaker

    [tool.attribtrack.outlets]
    "Kyiv Post" = ["the Kyiv Post", "kyivpost.com"]

    [tool.attribtrack.watch]         # what `attribtrack watch` follows (attribtrack.watch.config)

In ``.attribtrack.toml`` the same keys stand at the top level, or under ``[tool.attribtrack]`` as
in pyproject.toml (the block pasted as it is). Keys may use ``-`` or ``_``.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from attribtrack.errors import ConfigError

__all__ = ["Config", "Style", "find_config", "load_config", "parse_config", "read_config"]

SEVERITY_VALUES = ("error", "warning", "info", "off")
FAIL_ON_VALUES = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class Style:
    """House style: which cue words are neutral or loaded, extra titles that introduce speakers."""

    neutral_cues: tuple[str, ...] = ()
    loaded_cues: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    """A resolved configuration. ``root`` is the directory per-path globs are relative to."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    severity: Mapping[str, str] = field(default_factory=dict)
    per_path_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    style: Style = field(default_factory=Style)
    outlets: dict[str, list[str]] = field(default_factory=dict)
    path: Path | None = None  # the file it came from, if any
    root: Path | None = None

    def with_overrides(
        self,
        *,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
        fail_on: str | None = None,
    ) -> Config:
        """Command-line options win: --select replaces, --ignore adds, --fail-on replaces."""
        changes: dict[str, Any] = {}
        if select:
            changes["select"] = tuple(_codes(list(select), "--select"))
        if ignore:
            changes["ignore"] = self.ignore + tuple(_codes(list(ignore), "--ignore"))
        if fail_on:
            if fail_on not in FAIL_ON_VALUES:
                raise ConfigError(f"--fail-on must be one of {', '.join(FAIL_ON_VALUES)}, not {fail_on!r}")
            changes["fail_on"] = fail_on
        return replace(self, **changes) if changes else self

    def enabled(self, code: str, path: str | None = None) -> bool:
        """Whether rule ``code`` runs (on the draft at ``path``). The longest matching prefix wins."""
        if self.select:
            sel = max((len(p) for p in self.select if code.startswith(p)), default=-1)
            if sel < 0:
                return False
        else:
            sel = 0
        ign = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        if ign >= 0 and ign >= sel:
            return False
        if self.severity.get(code) == "off":
            return False
        return not self.path_ignores(code, path)

    def severity_of(self, code: str, default: str) -> str:
        return self.severity.get(code, default)

    def ignored_for(self, path: str) -> frozenset[str]:
        """Code prefixes that per-path-ignores switch off for the draft at ``path``."""
        if not self.per_path_ignores:
            return frozenset()
        rel = _relative(path, self.root)
        out: set[str] = set()
        for pattern, codes in self.per_path_ignores.items():
            if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(PurePosixPath(rel).name, pattern):
                out.update(codes)
        return frozenset(out)

    def path_ignores(self, code: str, path: str | None) -> bool:
        return path is not None and any(code.startswith(p) for p in self.ignored_for(path))


def _relative(path: str, root: Path | None) -> str:
    p = Path(path)
    if root is not None:
        try:
            return Path(os.path.relpath(p.resolve(), root.resolve())).as_posix()
        except ValueError:  # another drive on Windows
            pass
    return p.as_posix()


# --- parsing ---------------------------------------------------------------------------------

_TOP = {"select", "ignore", "fail-on", "severity", "per-path-ignores", "style", "outlets", "watch"}
_STYLE = {"neutral-cues", "loaded-cues", "titles"}


def _key(key: str) -> str:
    return key.replace("_", "-")


def _strings(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return value


def _codes(value: Any, where: str) -> list[str]:
    codes = [c.strip().upper() for c in _strings(value, where)]
    for code in codes:
        if not code.startswith("AT") or not code[2:].isdigit() and code != "AT":
            raise ConfigError(f"{where}: {code!r} is not a rule code or prefix (like AT1 or AT103)")
    return codes


def parse_config(
    data: Mapping[str, Any], *, path: Path | None = None, where: str = "tool.attribtrack"
) -> Config:
    """Validate one ``[tool.attribtrack]`` table. Every unknown key is an error naming it."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where or path} must be a table")
    values: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = _key(raw_key)
        name = f"{where}.{raw_key}" if where else raw_key
        if key not in _TOP:
            raise ConfigError(f"unknown configuration key {name!r}" + (f" in {path}" if path else ""))
        if key in ("select", "ignore"):
            values[key] = tuple(_codes(value, name))
        elif key == "fail-on":
            if value not in FAIL_ON_VALUES:
                raise ConfigError(f"{name} must be one of {', '.join(FAIL_ON_VALUES)}, not {value!r}")
            values["fail_on"] = value
        elif key == "severity":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{name} must be a table of CODE = severity")
            sev: dict[str, str] = {}
            for code, level in value.items():
                _codes([code], f"{name}")
                if level not in SEVERITY_VALUES:
                    raise ConfigError(
                        f"{name}.{code} must be one of {', '.join(SEVERITY_VALUES)}, not {level!r}"
                    )
                sev[code.upper()] = level
            values["severity"] = sev
        elif key == "per-path-ignores":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{name} must be a table of GLOB = [codes]")
            values["per_path_ignores"] = {g: tuple(_codes(c, f"{name}.{g}")) for g, c in value.items()}
        elif key == "style":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{name} must be a table")
            style: dict[str, tuple[str, ...]] = {}
            for skey, svalue in value.items():
                if _key(skey) not in _STYLE:
                    raise ConfigError(
                        f"unknown configuration key '{name}.{skey}'" + (f" in {path}" if path else "")
                    )
                style[_key(skey).replace("-", "_")] = tuple(_strings(svalue, f"{name}.{skey}"))
            values["style"] = Style(**style)
        elif key == "watch":
            pass  # `attribtrack watch` reads and validates its own table (attribtrack.watch.config)
        elif key == "outlets":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{name} must be a table of NAME = [aliases]")
            values["outlets"] = {o: _strings(a, f"{name}.{o}") for o, a in value.items()}
    return Config(**values, path=path, root=path.parent if path else None)


def load_toml(path: Path) -> dict[str, Any]:
    """A configuration file's TOML; an unreadable or invalid file is a one-line ConfigError.

    It is read as an input file is (:func:`attribtrack.read.read_option_file`): a FIFO or
    ``/dev/zero`` given as ``--config`` is refused at once instead of hanging the command."""
    from attribtrack.read import read_option_file

    data = read_option_file(path, f"cannot read configuration {path}", error=ConfigError)
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"invalid TOML in {path}: not UTF-8 (offset {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML in {path}: {exc}") from exc


def read_config(path: Path) -> Config:
    """Read one configuration file (``.attribtrack.toml`` or a ``pyproject.toml``)."""
    data = load_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("attribtrack", {})
        return parse_config(table, path=path)
    if "tool" in data:  # the README's [tool.attribtrack] block pasted as it is: the same table
        return parse_config(_pasted_tool_table(data, path), path=path)
    return parse_config(data, path=path, where="")


def _pasted_tool_table(data: Mapping[str, Any], path: Path) -> Mapping[str, Any]:
    """The ``[tool.attribtrack]`` table of a ``.attribtrack.toml`` written like pyproject.toml;
    keys both at the top level and under it, or other tools' tables, are an error naming them."""
    tool = data["tool"]
    if not isinstance(tool, Mapping) or "attribtrack" not in tool:
        raise ConfigError(f"unknown configuration key 'tool' in {path} (expected [tool.attribtrack])")
    others = [k for k in tool if k != "attribtrack"]
    if others:
        raise ConfigError(f"unknown configuration key 'tool.{others[0]}' in {path}")
    top = [k for k in data if k != "tool"]
    if top:
        raise ConfigError(
            f"{path}: {top[0]!r} at the top level and a [tool.attribtrack] table: use one or the other"
        )
    return tool["attribtrack"]


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start`` (a file or a directory)."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        dotfile = directory / ".attribtrack.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    from attribtrack.read import read_option_file

    try:
        raw = read_option_file(pyproject, str(pyproject), error=ConfigError)
    except ConfigError:
        return False  # not a file to read (a FIFO, over the size cap): not ours either
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        # A broken pyproject.toml that is not ours to read: report it only if it names us.
        return b"[tool.attribtrack" in raw
    return "attribtrack" in data.get("tool", {})


def load_config(start: Path) -> Config:
    """The configuration that applies at ``start``; defaults when there is none."""
    found = find_config(start)
    return read_config(found) if found else Config()
