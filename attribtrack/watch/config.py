"""Watch configuration: ``[tool.attribtrack.watch]`` in pyproject.toml, ``[watch]`` (or the
same ``[tool.attribtrack.watch]``, pasted) in ``.attribtrack.toml`` (found as
:func:`attribtrack.config.find_config` finds the rest), or the file ``--config FILE`` names;
OPML for a newsroom's feed list. Unknown keys are errors naming the key::

    [tool.attribtrack.watch]
    schedule = "15m until 3h, 1h until 1d, 1d until 7d"   # how often an article is re-checked
    feed-every = "15m"          # how often a feed is read
    max-in-flight = 8           # fetches at once
    host-delay = 1.0            # seconds between two requests to one host
    timeout = 10                # seconds per request
    retries = 2                 # on timeouts and 5xx, with backoff
    max-bytes = 8388608         # a larger page is refused
    user-agent = "..."          # default: attribtrack/VERSION (source-attribution tracker; watch)
    opml = ["feeds.opml"]       # feed lists (paths relative to this file)
    notify = "https://hooks.example/attribution"      # POST each new batch of changes as JSON
    notify-on = ["attribution-dropped", "quote-altered"]

    [[tool.attribtrack.watch.sources]]
    url = "https://example.com/world/rss.xml"
    outlet = "Example News"
    kind = "article"            # or "source"
    include = ["*/world/*"]     # fnmatch patterns on the URLs a feed lists
    exclude = ["*/live/*"]
    schedule = "30m until 1d"   # this source's articles

``sources`` may also list plain URL strings.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from attribtrack.errors import ConfigError, UsageError
from attribtrack.watch.schedule import DEFAULT_SCHEDULE, Schedule, parse_duration

__all__ = ["Source", "WatchConfig", "load_watch_config", "read_opml"]

KINDS = ("article", "source")


@dataclass(frozen=True)
class Source:
    """A feed or page to follow, with the settings its articles get."""

    url: str
    outlet: str | None = None
    kind: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    schedule: str | None = None

    def wants(self, url: str) -> bool:
        """Whether a URL this source lists is followed (include, then exclude patterns)."""
        if self.include and not any(fnmatch.fnmatchcase(url, p) for p in self.include):
            return False
        return not any(fnmatch.fnmatchcase(url, p) for p in self.exclude)

    def settings(self) -> dict[str, Any]:
        """What the store remembers, so a watcher restarted without its configuration resumes."""
        out: dict[str, Any] = {
            "outlet": self.outlet,
            "kind": self.kind,
            "schedule": self.schedule,
            "include": list(self.include),
            "exclude": list(self.exclude),
        }
        return {k: v for k, v in out.items() if v not in (None, [])}

    @classmethod
    def from_settings(cls, url: str, settings: Mapping[str, Any]) -> Source:
        return cls(
            url,
            settings.get("outlet"),
            settings.get("kind"),
            tuple(settings.get("include", ())),
            tuple(settings.get("exclude", ())),
            settings.get("schedule"),
        )


@dataclass(frozen=True)
class WatchConfig:
    sources: tuple[Source, ...] = ()
    schedule: str = DEFAULT_SCHEDULE
    feed_every: float = 15 * 60.0
    max_in_flight: int = 8
    host_delay: float = 1.0
    timeout: float = 10.0
    retries: int = 2
    max_bytes: int = 8 * 1024 * 1024
    user_agent: str | None = None
    notify: str | None = None
    notify_on: tuple[str, ...] = ()
    path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def with_sources(self, sources: list[Source]) -> WatchConfig:
        return replace(self, sources=self.sources + tuple(sources))


_KEYS = {
    "sources",
    "schedule",
    "feed-every",
    "max-in-flight",
    "host-delay",
    "timeout",
    "retries",
    "max-bytes",
    "user-agent",
    "opml",
    "notify",
    "notify-on",
}
_SOURCE_KEYS = {"url", "outlet", "kind", "include", "exclude", "schedule"}


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(value)


def _number(value: Any, where: str, *, minimum: float, integer: bool = False) -> Any:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (integer and not isinstance(value, int))
    ):
        raise ConfigError(f"{where} must be {'an integer' if integer else 'a number'}")
    if value < minimum:
        raise ConfigError(f"{where} must be at least {minimum:g}")
    return value


def check_url(url: str, where: str) -> str:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        raise UsageError(f"{where}: {url!r} is not an http(s) URL") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{where}: {url!r} is not an http(s) URL")
    return url


def check_agent(agent: str, where: str) -> str:
    """A User-Agent is one line of printable ASCII (anything else would break the request)."""
    if not agent.strip() or not all(" " <= c <= "~" for c in agent):
        raise UsageError(f"{where}: a User-Agent is one line of printable ASCII")
    return agent


def make_source(
    url: str,
    *,
    where: str,
    outlet: str | None = None,
    kind: str | None = None,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    schedule: str | None = None,
) -> Source:
    check_url(url, where)
    if kind is not None and kind not in KINDS:
        raise ConfigError(f"{where}: kind must be article or source, not {kind!r}")
    if schedule is not None:
        Schedule.parse(schedule, f"{where}: schedule")
    return Source(url, outlet, kind, include, exclude, schedule)


def _source(item: Any, where: str) -> Source:
    if isinstance(item, str):
        return make_source(item, where=where)
    if not isinstance(item, Mapping):
        raise ConfigError(f"{where} must be a URL or a table with url = ...")
    for key in item:
        if key.replace("_", "-") not in _SOURCE_KEYS:
            raise ConfigError(f"unknown configuration key '{where}.{key}'")
    if not isinstance(item.get("url"), str):
        raise ConfigError(f"{where}.url must be a URL")
    for key in ("outlet", "kind", "schedule"):
        if key in item and not isinstance(item[key], str):
            raise ConfigError(f"{where}.{key} must be a string")
    return make_source(
        item["url"],
        where=where,
        outlet=item.get("outlet"),
        kind=item.get("kind"),
        include=_strings(item.get("include", []), f"{where}.include"),
        exclude=_strings(item.get("exclude", []), f"{where}.exclude"),
        schedule=item.get("schedule"),
    )


def parse_watch(table: Any, *, path: Path | None, where: str) -> WatchConfig:
    """Validate one watch table; every unknown key is an error naming it."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where} must be a table")
    values: dict[str, Any] = {}
    sources: list[Source] = []
    for raw, value in table.items():
        key = raw.replace("_", "-")
        name = f"{where}.{raw}"
        if key not in _KEYS:
            raise ConfigError(f"unknown configuration key {name!r}" + (f" in {path}" if path else ""))
        if key == "sources":
            if not isinstance(value, list):
                raise ConfigError(f"{name} must be a list of URLs or tables")
            sources.extend(_source(item, f"{name}[{i}]") for i, item in enumerate(value))
        elif key == "schedule":
            spec = value if isinstance(value, str) else list(_strings(value, name))
            values["schedule"] = Schedule.parse(spec, name).spec
        elif key == "feed-every":
            values["feed_every"] = parse_duration(value, name) if isinstance(value, str) else None
            if values["feed_every"] is None:
                raise ConfigError(f'{name} must be a duration like "15m"')
        elif key in ("max-in-flight", "retries", "max-bytes"):
            least = 0 if key == "retries" else 1
            values[key.replace("-", "_")] = _number(value, name, minimum=least, integer=True)
        elif key in ("host-delay", "timeout"):
            values[key.replace("-", "_")] = float(
                _number(value, name, minimum=0 if key == "host-delay" else 0.1)
            )
        elif key in ("user-agent", "notify"):
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{name} must be a string")
            values[key.replace("-", "_")] = (
                check_url(value, name) if key == "notify" else check_agent(value, name)
            )
        elif key == "notify-on":
            values["notify_on"] = _strings(value, name)
        elif key == "opml":
            for item in _strings(value, name):
                opml = (path.parent / item) if path is not None else Path(item)
                sources.extend(read_opml(opml))
    return WatchConfig(sources=tuple(sources), path=path, **values)


def load_watch_config(config: Path | None, start: Path) -> WatchConfig:
    """The watch configuration: ``config`` (``--config FILE``, which must exist), else the
    nearest configuration file at or above ``start``; defaults when there is none."""
    from attribtrack.config import _pasted_tool_table, find_config, load_toml

    path = config if config is not None else find_config(start)
    if path is None:
        return WatchConfig()
    data = load_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {}).get("attribtrack", {})
    elif "tool" in data:  # the README's [tool.attribtrack.watch] pasted as it is, as read_config takes it
        tool = _pasted_tool_table(data, path)
    else:
        return parse_watch(data.get("watch", {}), path=path, where="watch")
    table = tool.get("watch", {}) if isinstance(tool, Mapping) else {}
    return parse_watch(table, path=path, where="tool.attribtrack.watch")


def read_opml(path: Path) -> list[Source]:
    """The feeds of an OPML file: every ``outline`` with an ``xmlUrl``, its ``title`` (or
    ``text``) as the outlet, in document order."""
    import xml.etree.ElementTree as ET

    from attribtrack.read import read_option_file

    data = read_option_file(path, f"cannot read OPML {path}", error=ConfigError)  # no FIFO, no /dev/zero
    try:
        root = ET.fromstring(data)  # noqa: S314 -- expat expands no external entities
    except ET.ParseError as exc:
        raise ConfigError(f"{path}: not valid OPML ({exc})") from None
    if root.tag != "opml":
        raise ConfigError(f"{path}: not OPML (the root element is <{root.tag}>)")
    sources: list[Source] = []
    for number, outline in enumerate(root.iter("outline"), 1):
        url = outline.get("xmlUrl")
        if not url:
            continue
        outlet = (outline.get("title") or outline.get("text") or "").strip() or None
        sources.append(make_source(url.strip(), where=f"{path}: outline {number}", outlet=outlet))
    if not sources:
        raise ConfigError(f"{path}: no feeds (no <outline xmlUrl=...>)")
    return sources


def resolve_config(
    config: Path | None,
    start: Path,
    *,
    sources: tuple[str, ...] = (),
    opml: tuple[Path, ...] = (),
    outlet: str | None = None,
    kind: str | None = None,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    **overrides: Any,
) -> WatchConfig:
    """The configuration file's settings with the command line's on top: SOURCE URLs and OPML
    feeds are added (with ``outlet``, ``kind``, ``include``, ``exclude``); every other option
    given (not None) replaces the file's value."""
    base = load_watch_config(config, start)
    given: list[Source] = [
        make_source(url, where="SOURCE", outlet=outlet, kind=kind, include=include, exclude=exclude)
        for url in sources
    ]
    for path in opml:
        given.extend(
            replace(s, outlet=outlet or s.outlet, kind=kind, include=include, exclude=exclude)
            for s in read_opml(path)
        )
    changes = {k: v for k, v in overrides.items() if v is not None and v != ()}
    if "schedule" in changes:
        changes["schedule"] = Schedule.parse(changes["schedule"], "--schedule").spec
    if "feed_every" in changes:
        changes["feed_every"] = parse_duration(changes["feed_every"], "--feed-every")
    if "notify" in changes:
        check_url(changes["notify"], "--notify")
    if "user_agent" in changes:
        check_agent(changes["user_agent"], "--user-agent")
    if "notify_on" in changes or base.notify_on:
        from attribtrack.compare.model import CHANGE_TYPES

        for name in changes.get("notify_on", base.notify_on):
            if name not in CHANGE_TYPES:
                raise UsageError(
                    f"--notify-on: unknown change type {name!r}", hint="one of " + ", ".join(CHANGE_TYPES)
                )
    merged = replace(base, **changes).with_sources(given)
    unique: dict[str, Source] = {}
    for source in merged.sources:  # a URL given twice: the later settings win
        unique[source.url] = source
    return replace(merged, sources=tuple(unique.values()))
