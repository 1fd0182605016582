"""Pausing the cyclic garbage collector around work that builds many acyclic objects.

Extracting a long text and comparing two long revisions build tens of thousands of small
objects (tokens, frames, ops, claims, changes), none of them in a reference cycle: the
collector's passes over them find nothing and cost as much as a third of the work.
:func:`paused` turns it off for a block, and on the way out moves what the block made to the
oldest generation without a pass (``gc.freeze()`` then ``gc.unfreeze()``: a list splice, with
nothing left frozen), so that the collector's next pass does not visit all of it at once
either. The objects stay collectable: a full collection still sees them.

The splice is skipped when the program keeps objects frozen itself (a pre-fork server does):
unfreezing would undo that. Nested pauses leave it all to the outermost.

Spliced objects never survive a middle-generation pass, and CPython's collector makes a full pass
only when enough objects have: in a long-running program (``watch``, ``serve``, the LSP server)
the reference cycles it makes between blocks went to the oldest generation with each splice and
were never freed. So the splices count what they move, and once that is a quarter of what the
last full pass kept (the collector's own rule) or ``_FLOOR`` objects, whichever is more, the next
block starts with a full pass. A command that pauses once pays for none.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_FLOOR = 100_000  # objects spliced before a full pass is owed, however small the program

_spliced = 0  # objects the splices moved to the oldest generation since the last full pass
_kept = 0  # objects the collector tracked after that pass


@contextmanager
def paused() -> Iterator[None]:
    global _spliced
    if not gc.isenabled():
        yield
        return
    if _spliced > max(_FLOOR, _kept // 4):
        _full_pass()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            _spliced += gc.get_count()[0]  # the young objects, the block's among them
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def _full_pass() -> None:
    global _spliced, _kept
    gc.collect()
    _spliced = 0
    if gc.get_freeze_count() == 0:
        gc.freeze()
        _kept = gc.get_freeze_count()
        gc.unfreeze()
