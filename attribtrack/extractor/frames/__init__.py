"""Attribution frames: in one sentence, find each cue and the source and content it links.

A frame is the raw shape of a claim, as token positions and character spans; naming the source
and resolving it to an entity happens later (:mod:`attribtrack.extractor.sources`,
:mod:`attribtrack.extractor.resolve`). The package keeps cue, source and content apart, with one
module per shape over a shared sentence view:

* :mod:`.view` the sentence view and :class:`Frame`; :mod:`.words` the closed word classes;
* :mod:`.cues` cue detection; :mod:`.nounphrase` and :mod:`.subjects` source phrases,
  :mod:`.clause` the subject a participle inherits;
  :mod:`.content` content boundaries;
* shapes: :mod:`.forward` (``SOURCE CUE [that] CONTENT``), :mod:`.trailing` (``CONTENT, SOURCE
  CUE.`` and inverted ``CONTENT, CUE SOURCE.``), :mod:`.according`, :mod:`.inherited` (``SOURCE
  did X, saying CONTENT``), :mod:`.speaker` (``NAME: "CONTENT"``), :mod:`.nominal` (``X's claim
  that``), :mod:`.passive` (no source named), :mod:`.questions` (``Asked whether ...``);
* :mod:`.edges` the words at a cue's edges ("went on to say", "warned of");
* :mod:`.verbs` picks the shape of a verb cue; :mod:`.sentence` runs them all over one sentence.

Every scan looks at a bounded window of tokens, so a sentence costs time linear in its length.
"""

from __future__ import annotations

from attribtrack.extractor.frames.sentence import SentenceFrames
from attribtrack.extractor.frames.view import Frame, SentenceView, Span

__all__ = ["Frame", "SentenceFrames", "SentenceView", "Span"]
