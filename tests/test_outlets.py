"""The built-in outlet registry: names, aliases, domains and configured extras."""

from __future__ import annotations

import pytest

from attribtrack.outlets import load_registry, normalise_name


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("The Washington Post", "The Washington Post"),
        ("washington post", "The Washington Post"),
        ("the Post", "The Washington Post"),
        ("WaPo", "The Washington Post"),
        ("washingtonpost.com", "The Washington Post"),
        ("https://www.washingtonpost.com/world/2024/04/02/x/", "The Washington Post"),
        ("NYT", "The New York Times"),
        ("www.nytimes.com", "The New York Times"),
        ("AP", "Associated Press"),
        ("Interfax", "Interfax"),
        ("ITAR-TASS", "TASS"),
        ("RIA Novosti", "RIA Novosti"),
        ("https://t.me/some_channel", "Telegram"),
        ("news.bbc.co.uk", "BBC"),
        ("  Reuters. ", "Reuters"),
    ],
)
def test_lookup_finds_outlet(query: str, expected: str) -> None:
    outlet = load_registry().lookup(query)
    assert outlet is not None
    assert outlet.name == expected


@pytest.mark.parametrize("query", ["", "   ", "Dmitry Peskov", "example.com", "the", "Kremlin"])
def test_lookup_misses(query: str) -> None:
    assert load_registry().lookup(query) is None


def test_extra_outlets_extend_and_merge() -> None:
    registry = load_registry({"Kyiv Post": ["the Kyiv Post", "kyivpost.com"], "Reuters": ["R."]})
    kyiv = registry.lookup("kyivpost.com")
    assert kyiv is not None and kyiv.name == "Kyiv Post"
    assert registry.lookup("R.") is not None and registry.lookup("R.").name == "Reuters"
    reuters = registry.lookup("reuters.com")
    assert reuters is not None and "Thomson Reuters" in reuters.aliases
    assert len(registry) == len(load_registry()) + 1


def test_all_is_sorted_and_unique() -> None:
    names = [o.name for o in load_registry().all()]
    assert names == sorted(names, key=str.casefold)
    assert len(names) == len(set(names))


def test_every_alias_and_domain_resolves_to_its_outlet() -> None:
    registry = load_registry()
    for outlet in registry.all():
        for alias in (outlet.name, *outlet.aliases, *outlet.domains):
            found = registry.lookup(alias)
            assert found is not None and found.name == outlet.name, alias


def test_normalise_name() -> None:
    assert normalise_name("  The  Washington\u00a0Post, ") == "washington post"
