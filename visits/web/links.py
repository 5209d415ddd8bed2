"""Public addresses: links delegates open (feeds, subscribe pages, QR codes) are built on
PUBLIC_BASE_URL — the address they reach the application at — whether or not a request
is being answered (a page, the API, a command that prints links)."""

from typing import Any
from urllib.parse import urlsplit

from flask import current_app


def public_url(endpoint: str, **values: Any) -> str:
    """The absolute address of `endpoint` on PUBLIC_BASE_URL; needs the app, not a request."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path.rstrip("/") or "/", url_scheme=base.scheme
    )
    return adapter.build(endpoint, values, force_external=True)
