"""attribtrack.plain: the pydantic-free values `check` reads are the models' values, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribtrack.extractor import extract, extract_plain
from attribtrack.lint import check
from attribtrack.lint.markdown import mask
from attribtrack.models import Claims, Finding
from attribtrack.plain import PlainClaims, plain_claims

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted(ROOT.glob("fixtures/**/*.txt")) + sorted(ROOT.glob("fixtures/**/*.md"))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_plain_claims_dump_like_the_models(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    payload = extract_plain(text)
    plain, model = plain_claims(payload), Claims.model_validate(payload)
    assert plain.to_dict() == model.to_dict() == extract(text).to_dict()
    assert plain.to_json() == model.to_json()
    for p, m in zip(plain.claims, model.claims, strict=True):
        assert (p.id, p.kind, p.span, p.text) == (m.id, m.kind, m.span, m.text)
        assert (p.source is None) == (m.source is None)
        if p.source and m.source:
            assert (p.source.name, p.source.mention, p.source.type, p.source.role) == (
                m.source.name,
                m.source.mention,
                m.source.type,
                m.source.role,
            )
        if p.cue and m.cue:
            assert (p.cue.text, p.cue.span, p.cue.class_) == (m.cue.text, m.cue.span, m.cue.class_)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_check_finds_the_same_with_plain_claims_and_with_models(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    markdown = path.suffix == ".md"
    models = extract(mask(text, markdown=markdown).prose)
    assert check(text, path=str(path)) == check(text, path=str(path), claims=models)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            ['"', "\u201c", " said ", "Ana Ortiz", " he ", ", officials said", ". ", "\n\n", "Reuters"]
        ),
        max_size=30,
    ).map("".join)
)
def test_plain_claims_on_any_text(text: str) -> None:
    payload = extract_plain(text)
    assert isinstance(plain_claims(payload), PlainClaims)
    assert plain_claims(payload).to_dict() == Claims.model_validate(payload).to_dict()


def test_finding_is_a_plain_value() -> None:
    f = Finding(code="AT106", name="loaded-cue", severity="info", message="m", span=(1, 4), path="a.md")
    assert f.to_dict() == {
        "code": "AT106",
        "name": "loaded-cue",
        "severity": "info",
        "message": "m",
        "span": [1, 4],
        "path": "a.md",
        "claim": None,
    }
    assert f == Finding(
        code="AT106", name="loaded-cue", severity="info", message="m", span=(1, 4), path="a.md"
    )
    with pytest.raises(AttributeError):
        f.code = "AT101"  # type: ignore[misc]
