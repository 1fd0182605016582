"""attribtrack: who said it, through whom, who confirmed it, and what changed between revisions.

The library is usable without the CLI. Heavy modules are imported on first use so that
``import attribtrack`` (and ``attribtrack --help``) stays fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "check", "diff", "extract"]

#: public library calls -> the module that defines them (imported on first use)
_LAZY = {"extract": "attribtrack.extract", "diff": "attribtrack.diff", "check": "attribtrack.check"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'attribtrack' has no attribute {name!r}")
