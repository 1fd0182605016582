"""The one place the rules call the extractor, so house style reaches it the same way for all."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from attribtrack.config import Style
    from attribtrack.extractor.incremental import ParagraphCache
    from attribtrack.models import Claims
    from attribtrack.plain import PlainClaims

#: A project's extra outlets in a hashable form: ((name, (alias, ...)), ...).
Outlets = tuple[tuple[str, tuple[str, ...]], ...]


def outlets_key(outlets: Mapping[str, Sequence[str]] | None) -> Outlets:
    return tuple(sorted((name, tuple(aliases)) for name, aliases in (outlets or {}).items()))


def extract_claims(
    text: str,
    style: Style | None = None,
    outlets: Outlets = (),
    cache: ParagraphCache | None = None,
    *,
    plain: bool = False,
) -> Claims | PlainClaims:
    """Claims of ``text``. The project's outlets (``[tool.attribtrack.outlets]``) are passed on;
    so are house-style titles (``style.titles``). ``cache`` (an editor's open draft)
    reuses the paragraph-local extraction of the unchanged paragraphs; ``plain`` gives
    :class:`attribtrack.plain.PlainClaims` (no validation, no pydantic import)."""
    from attribtrack.extractor.pipeline import extract, extract_plain

    options: dict[str, object] = {}
    if cache is not None:
        options["cache"] = cache
    if outlets:
        options["outlets"] = {name: list(aliases) for name, aliases in outlets}
    if style is not None and style.titles:
        options["titles"] = style.titles
    if plain:
        from attribtrack.plain import plain_claims

        return plain_claims(extract_plain(text, **options))  # type: ignore[arg-type]
    return extract(text, **options)  # type: ignore[arg-type]
