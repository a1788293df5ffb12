"""Every page of the built site is valid HTML by the Nu HTML Checker: no errors, and no
warnings beyond the reviewed list below."""

import json
import subprocess

import pytest

pytestmark = pytest.mark.slow

# Warnings we keep on purpose, each with the reason. (Info messages are not warnings.)
ALLOWED_WARNINGS: dict[str, str] = {}


def test_every_page_is_valid_html(built_site, vnu_jar):
    result = subprocess.run(["java", "-jar", str(vnu_jar), "--format", "json", "--skip-non-html",
                             str(built_site / "site")], capture_output=True, text=True)
    messages = json.loads(result.stderr)["messages"]
    pages = len(list((built_site / "site").rglob("*.html")))
    assert pages > 100
    errors = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] == "error"]
    assert errors == []
    warnings = {m["message"] for m in messages if m.get("subType") == "warning"}
    assert warnings <= set(ALLOWED_WARNINGS), sorted(warnings - set(ALLOWED_WARNINGS))
