"""``attribtrack lsp``: the check rules in the editor, over the Language Server Protocol.

Only this package imports pygls. :mod:`attribtrack.lsp.analysis` is the part that knows
attribtrack (findings, baselines, claims, cue fixes; no protocol); :mod:`attribtrack.lsp.server`
turns it into diagnostics, code actions and hovers.
"""
