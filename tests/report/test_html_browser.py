"""The seed's HTML report in a real headless Chromium: the DOM it builds, scripts run.

Skipped when no Chromium is installed, except in CI (CI=true), where a missing browser fails.
"""

import os
import shutil
import subprocess

import pytest
from kit.reports import Page, seed_result

from engine.report import html

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Appended only for the filter test: unticks "info" the way a reader would, then lets the page react.
UNTICK_INFO = """<script>
var box = document.querySelector('input[name="severity"][value="info"]');
box.checked = false;
box.dispatchEvent(new Event("change", {bubbles: true}));
</script>"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "/usr/bin/chromium"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI") == "true":
        pytest.fail("no chromium binary in CI: install it (apt-get install -y chromium)")
    pytest.skip("no chromium binary")


@pytest.fixture(scope="module")
def result():
    return seed_result()


def dump_dom(page: str, tmp_path) -> Page:
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    profile = tmp_path / "profile"
    command = [chromium(), *FLAGS, f"--user-data-dir={profile}", "--dump-dom", path.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and "</html>" in done.stdout, done.stderr[-2000:]
    return Page(done.stdout)


def test_every_quote_is_highlighted_in_the_browser(result, tmp_path):
    dom = dump_dom(html.render(result), tmp_path)
    for n, flag in enumerate(sorted(result.flags), 1):
        for m, fact in enumerate(flag.facts, 1):
            assert dom.quotes[f"flag-{n}-q{m}"].split() == fact.quote.split()
    assert not dom.find("form", id="filters")[0].get("hidden")  # the script ran and showed the filters
    assert not [a for _, a in dom.tags if "hidden" in a]


def test_unticking_a_severity_hides_its_flags_and_highlights(result, tmp_path):
    dom = dump_dom(html.render(result).replace("</body>", UNTICK_INFO + "</body>"), tmp_path)
    items = [a for a in dom.find("li") if (a.get("class") or "").startswith("flag ")]
    assert {a["data-severity"] for a in items if "hidden" in a} == {"info"}
    assert {a["data-severity"] for a in items if "hidden" not in a} == {"error", "warning"}
    info = {f"flag-{n}" for n, flag in enumerate(sorted(result.flags), 1) if flag.severity == "info"}
    off = [set(mark["data-flags"].split()) <= info for mark in dom.marks]
    assert any(off) and not all(off)  # the seed has both kinds, so this can tell
    assert off == ["off" in mark["class"].split() for mark in dom.marks]
