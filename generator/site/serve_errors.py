"""The dev server while a rebuild fails: keep serving the last good site, show why on top.

MkDocs' live-reload server, when a rebuild raises, keeps every later page request waiting
for a build that never finishes ("the server will appear stuck"). Two small wrappers, put in
place by `site/hook.py` on_serve, change that:

- `KeepServing(builder, explain, say)`: a failed rebuild no longer raises. It prints why it
  failed (the same file:line:col messages as `cpsite validate`, the strict-mode warnings, or
  the error) and returns, so the server carries on, and open pages reload.
- `ErrorBanner(app, failure)`: WSGI middleware. While `failure()` gives text, every HTML page
  served gets a banner at the top of its body with that text; the rest of the page is the
  last good site (builds are staged, so the served folder is only ever a finished build).
  When a rebuild succeeds the reason is cleared and pages come back without it.

This is the simple way (messages injected into served pages) rather than a separate overlay
page: every URL keeps answering with its own last good content. It knows nothing of MkDocs
beyond "a builder is a function that raises when the build fails".
"""

from __future__ import annotations

import html
import itertools
import re
from typing import Callable, Iterable

BANNER_ID = "cpsite-build-error"
_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


class KeepServing:
    """`builder`, except that a failed build is printed and kept in `.failure` (the text the
    banner shows) instead of raised; a build that succeeds clears it.

    `explain(error)` turns the exception into that text (the hook knows the real reason: MkDocs
    replaces a plugin's error by "Aborted with a BuildError!")."""

    def __init__(self, builder: Callable[[], None], explain: Callable[[BaseException], str],
                 say: Callable[[str], None]):
        self.builder = builder
        self.explain = explain
        self.say = say
        self.failure: str | None = None

    def __call__(self) -> None:
        try:
            self.builder()
        except Exception as error:           # mkdocs' Abort is one too (and a SystemExit)
            self.failure = self.explain(error)
            self.say("cpsite: the rebuild failed; the browser shows the last good site with "
                     "these messages on top until they are fixed:\n" + self.failure)
        else:
            self.failure = None


def banner(text: str) -> bytes:
    style = ("position:sticky;top:0;z-index:10000;margin:0;padding:1em 1.2em;background:#b00020;"
             "color:#fff;font:0.8rem/1.45 ui-monospace,monospace;white-space:pre-wrap;"
             "max-height:60vh;overflow:auto")
    return (f'<div id="{BANNER_ID}" role="alert" style="{style}"><strong>The last rebuild failed.'
            f' This is the last good site; fix these and save:</strong>\n{html.escape(text)}</div>'
            ).encode("utf-8")


def with_banner(page: bytes, text: str) -> bytes:
    found = _BODY.search(page)
    at = found.end() if found else 0
    return page[:at] + banner(text) + page[at:]


class ErrorBanner:
    """WSGI middleware: HTML responses get the banner while `failure()` is not None."""

    def __init__(self, app, failure: Callable[[], str | None]):
        self.app = app
        self.failure = failure

    def __call__(self, environ, start_response) -> Iterable[bytes]:
        text = self.failure()
        if text is None:
            return self.app(environ, start_response)
        seen, written = {}, []

        def capture(status, headers, exc_info=None):
            seen.update(status=status, headers=headers, exc_info=exc_info)
            return written.append

        body = self.app(environ, capture)
        headers = seen["headers"]
        kind = next((v for k, v in headers if k.lower() == "content-type"), "")
        if not kind.startswith("text/html"):
            start_response(seen["status"], headers, seen["exc_info"])
            return itertools.chain(written, body) if written else body
        try:
            page = b"".join(written) + b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        page = with_banner(page, text)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(page))))
        start_response(seen["status"], headers, seen["exc_info"])
        return [page]
