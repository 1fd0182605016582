"""The one place the rules call the extractor (so house style reaches it the same way for all)."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from attribtrack.config import Style
    from attribtrack.models import Claims


def extract_claims(text: str, style: Style | None = None) -> Claims:
    """Claims of ``text``; house-style titles are passed on if the extractor accepts them."""
    from attribtrack.extractor import extract

    if style is not None and style.titles and "titles" in inspect.signature(extract).parameters:
        return extract(text, titles=style.titles)  # type: ignore[call-arg]
    return extract(text)
