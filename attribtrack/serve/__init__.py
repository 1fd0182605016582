"""``attribtrack serve``: a read-only web view of the store (Starlette + Jinja2).

The only package that imports starlette and jinja2. Pages and a JSON API (``/api/...``, described
in ``/api/openapi.json``) are built from the library: the store's public read methods, the claims
cache (read, never written: serve does not write to the store), ``compare.diff``, blame and the
source graph. Only GET and HEAD exist; any other method answers 405.
"""

from attribtrack.serve.app import create_app

__all__ = ["create_app"]
