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
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()
