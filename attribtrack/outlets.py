"""The outlet registry: news organisations and channels, and every name they go by.

The built-in list lives in ``attribtrack/data/outlets.json`` (readable and extendable by a
journalist); a project adds its own outlets through configuration, passed here as ``extra``::

    registry = load_registry({"Kyiv Post": ["the Kyiv Post", "kyivpost.com"]})
    registry.lookup("WaPo").name          # 'The Washington Post'
    registry.lookup("www.nytimes.com")    # the New York Times
    registry.lookup("https://t.me/x")     # Telegram

Lookup is case-insensitive, ignores a leading "the", surrounding spaces and punctuation, and
understands domains and URLs (``www.`` and sub-domains are stripped until a known one matches).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources

from attribtrack.plain import Outlet

__all__ = ["OutletRegistry", "load_registry", "normalise_name"]

_SPACE = re.compile(r"\s+")
_EDGE = " \t\n\"'\u201c\u201d\u2018\u2019,.;:!?()[]"
_DOMAIN = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[:/?#].*)?$")


def normalise_name(name: str) -> str:
    """The lookup key of a name: casefolded, single spaces, no leading 'the', no edge punctuation."""
    key = _SPACE.sub(" ", name.replace("\u2019", "'")).strip(_EDGE).casefold()
    if key.startswith("the "):
        key = key[4:]
    return key


def _domain_candidates(text: str) -> list[str]:
    """``https://www.news.bbc.co.uk/x`` -> ['news.bbc.co.uk', 'bbc.co.uk', 'co.uk']."""
    m = _DOMAIN.match(text.strip().casefold())
    if not m:
        return []
    parts = m.group(1).split(".")
    return [".".join(parts[i:]) for i in range(len(parts) - 1)]


class OutletRegistry:
    """Outlets by canonical name, alias and domain. Built once; read-only afterwards."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self._outlets: dict[str, Outlet] = {}
        self._by_key: dict[str, str] = {}
        self._by_domain: dict[str, str] = {}
        for outlet in outlets:
            self._add(outlet)

    def _add(self, outlet: Outlet) -> None:
        existing = self._outlets.get(outlet.name)
        if existing is not None:  # extending a known outlet: merge its aliases and domains
            outlet = Outlet(
                name=outlet.name,
                aliases=tuple(dict.fromkeys(existing.aliases + outlet.aliases)),
                domains=tuple(dict.fromkeys(existing.domains + outlet.domains)),
            )
        self._outlets[outlet.name] = outlet
        for alias in (outlet.name, *outlet.aliases):
            key = normalise_name(alias)
            if key:
                # Later entries (configuration) win over earlier (built-in) ones.
                self._by_key[key] = outlet.name
        for domain in outlet.domains:
            self._by_domain[domain.casefold().removeprefix("www.")] = outlet.name

    def lookup(self, name: str) -> Outlet | None:
        """The outlet a name, alias, domain or URL refers to, or None."""
        if not name or not name.strip():
            return None
        hit = self._by_key.get(normalise_name(name))
        if hit is None and "." in name:  # a domain has a dot (most names looked up are no outlet)
            for candidate in _domain_candidates(name):
                hit = self._by_domain.get(candidate)
                if hit is not None:
                    break
        return self._outlets[hit] if hit is not None else None

    def all(self) -> tuple[Outlet, ...]:
        """Every outlet, sorted by canonical name (stable output)."""
        return tuple(self._outlets[k] for k in sorted(self._outlets, key=str.casefold))

    def __len__(self) -> int:
        return len(self._outlets)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.lookup(name) is not None


@lru_cache(maxsize=1)
def _builtin() -> tuple[Outlet, ...]:
    raw = resources.files("attribtrack").joinpath("data", "outlets.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    return tuple(
        Outlet(name=o["name"], aliases=tuple(o.get("aliases", ())), domains=tuple(o.get("domains", ())))
        for o in data["outlets"]
    )


def load_registry(extra: Mapping[str, Sequence[str]] | None = None) -> OutletRegistry:
    """The built-in registry, extended by ``extra``: canonical name -> aliases and domains.

    An alias that looks like a domain (``kyivpost.com``) is registered as a domain too.
    """
    outlets = list(_builtin())
    for name, aliases in (extra or {}).items():
        names = [a for a in aliases if a]
        domains = tuple(a for a in names if " " not in a and _domain_candidates(a))
        outlets.append(Outlet(name=name, aliases=tuple(names), domains=domains))
    return OutletRegistry(outlets)
