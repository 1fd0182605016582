"""The one place the rules call the extractor, so house style reaches it the same way for all."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from attribtrack.config import Style
    from attribtrack.models import Claims

#: A project's extra outlets in a hashable form: ((name, (alias, ...)), ...).
Outlets = tuple[tuple[str, tuple[str, ...]], ...]


def outlets_key(outlets: Mapping[str, Sequence[str]] | None) -> Outlets:
    return tuple(sorted((name, tuple(aliases)) for name, aliases in (outlets or {}).items()))


def extract_claims(text: str, style: Style | None = None, outlets: Outlets = ()) -> Claims:
    """Claims of ``text``. The project's outlets (``[tool.attribtrack.outlets]``) are passed on;
    house-style titles too, once the extractor accepts them."""
    from attribtrack.extractor import extract

    options: dict[str, object] = {}
    if outlets:
        options["outlets"] = {name: list(aliases) for name, aliases in outlets}
    if style is not None and style.titles:
        import inspect  # only here: inspect is slow to import

        if "titles" in inspect.signature(extract).parameters:
            options["titles"] = style.titles
    return extract(text, **options)  # type: ignore[arg-type]
