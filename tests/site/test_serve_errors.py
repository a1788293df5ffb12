"""serve_errors: a failed rebuild is reported and shown on top of the last good pages."""

import pytest
from mkdocs.exceptions import Abort

from generator.site.serve_errors import BANNER_ID, ErrorBanner, KeepServing, with_banner

PAGE = b'<!doctype html><html><head><title>T</title></head><body dir="ltr" class="x"><h1>Last good</h1></body></html>'


def _app(body: bytes, kind: str):
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body)))])
        return [body]
    return app


def _call(app):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen.update(status=status, headers=dict(headers))
    body = b"".join(app({"PATH_INFO": "/"}, start_response))
    return seen["status"], seen["headers"], body


def test_a_failed_rebuild_is_reported_and_kept_not_raised():
    said, outcome = [], ["fail"]

    def builder():
        if outcome[0] == "fail":
            raise Abort("Aborted with a BuildError!")   # what mkdocs raises for a plugin's error

    rebuild = KeepServing(builder, explain=lambda error: f"cases/a.yaml:3:9: E203 ({error})", say=said.append)
    rebuild()
    assert rebuild.failure == "cases/a.yaml:3:9: E203 (Aborted with a BuildError!)"
    assert said == ["cpsite: the rebuild failed; the browser shows the last good site with these messages "
                    "on top until they are fixed:\ncases/a.yaml:3:9: E203 (Aborted with a BuildError!)"]
    outcome[0] = "ok"
    rebuild()
    assert rebuild.failure is None and len(said) == 1


def test_keyboard_interrupt_is_not_swallowed():
    def builder():
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        KeepServing(builder, explain=str, say=print)()


def test_html_pages_get_the_messages_at_the_top_of_the_body_escaped():
    failure = ["cases/a.yaml:3:9: E203 sector: 'x' <is> not known"]
    status, headers, body = _call(ErrorBanner(_app(PAGE, "text/html; charset=utf-8"), lambda: failure[0]))
    assert status == "200 OK"
    assert int(headers["Content-Length"]) == len(body)
    before, banner = body.split(b'<body dir="ltr" class="x">')
    assert banner.startswith(f'<div id="{BANNER_ID}" role="alert"'.encode())
    assert b"cases/a.yaml:3:9: E203 sector: &#x27;x&#x27; &lt;is&gt; not known</div><h1>Last good</h1>" in banner
    failure[0] = None
    assert _call(ErrorBanner(_app(PAGE, "text/html"), lambda: failure[0]))[2] == PAGE


def test_other_files_pass_unchanged():
    css = b"body{color:red}"
    status, headers, body = _call(ErrorBanner(_app(css, "text/css"), lambda: "E203"))
    assert body == css and headers["Content-Length"] == str(len(css))


def test_a_page_without_a_body_tag_gets_the_banner_first():
    assert with_banner(b"<p>x</p>", "E1").startswith(f'<div id="{BANNER_ID}"'.encode())
