"""The seed's HTML report in a real headless Chromium: the DOM it builds, scripts run.

Skipped when no Chromium is installed, except in CI (CI=true), where a missing browser fails.
"""

import base64
import hashlib
import json
import os
import shutil
import subprocess

import pytest
from kit.png import colours, pixels
from kit.reports import Page, seed_result

from engine.report import html
from engine.report.htmlpage import _FAMILIES

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Appended only for the filter test: unticks "info" the way a reader would, then lets the page react.
UNTICK_INFO = """
var box = document.querySelector('input[name="severity"][value="info"]');
box.checked = false;
box.dispatchEvent(new Event("change", {bubbles: true}));
"""
# Clicks the last highlight (its note starts out of view in a small window), then, with the page
# scrolled back to the top, that note's quote link; records what was in view each time.
CLICK_THERE_AND_BACK = """
(function () {
  function inView(el) {
    var r = el.getBoundingClientRect(), box = el.closest("aside");
    var area = box ? box.getBoundingClientRect() : {top: 0, bottom: innerHeight};
    return r.height > 0 && r.top >= Math.max(0, area.top) - 1 && r.bottom <= Math.min(innerHeight, area.bottom) + 1;
  }
  var marks = document.querySelectorAll("mark[data-flags]"), mark = marks[marks.length - 1];
  var note = document.getElementById(mark.dataset.flags.split(" ")[0]);
  var out = {note: note.id, noteBefore: inView(note)};
  mark.click();
  out.noteAfter = inView(note);
  out.current = note.classList.contains("current") && mark.classList.contains("current");
  out.focused = document.activeElement === note;
  window.scrollTo(0, 0);
  out.markBefore = inView(mark);
  note.querySelector(".quotes a").click();
  var anchor = document.getElementById(note.querySelector(".quotes a").getAttribute("href").slice(1));
  out.markAfter = inView(anchor.nextElementSibling);
  document.dispatchEvent(new KeyboardEvent("keydown", {key: "j", bubbles: true}));
  out.afterJ = document.querySelector("li.flag.current").id;
  document.dispatchEvent(new KeyboardEvent("keydown", {key: "k", bubbles: true}));
  document.dispatchEvent(new KeyboardEvent("keydown", {key: "k", bubbles: true}));
  out.afterK = document.querySelector("li.flag.current").id;
  document.body.dataset.probe = JSON.stringify(out);
})();
"""
# Where the article and the notes sit in the first screen.
LAYOUT = """
(function () {
  function box(el) { var r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }
  document.body.dataset.probe = JSON.stringify({text: box(document.querySelector(".text")),
    notes: box(document.querySelector("aside.notes")), width: innerWidth, height: innerHeight,
    firstNote: box(document.querySelector("li.flag")), firstMark: box(document.querySelector("mark"))});
})();
"""


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


def with_probe(page: str, probe: str) -> str:
    """The page with a test script before </body>, admitted by adding its hash to the page's policy."""
    digest = base64.b64encode(hashlib.sha256(probe.encode("utf-8")).digest()).decode("ascii")
    page = page.replace("script-src 'sha256-", f"script-src 'sha256-{digest}' 'sha256-", 1)
    return page.replace("</body>", f"<script>{probe}</script></body>")


def dump_dom(page: str, tmp_path, size: str = "1280,860") -> Page:
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    profile = tmp_path / "profile"
    command = [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}", "--dump-dom",
               path.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and "</html>" in done.stdout, done.stderr[-2000:]
    return Page(done.stdout)


def probed(page: Page) -> dict:
    """What a probe script left in <body data-probe>."""
    return json.loads(next(a["data-probe"] for t, a in page.tags if t == "body" and a.get("data-probe")))


def test_every_quote_is_highlighted_in_the_browser(result, tmp_path):
    dom = dump_dom(html.render(result), tmp_path)
    for n, flag in enumerate(sorted(result.flags), 1):
        for m, fact in enumerate(flag.facts, 1):
            assert dom.quotes[f"flag-{n}-q{m}"].split() == fact.quote.split()
    assert not dom.find("form", id="filters")[0].get("hidden")  # the script ran and showed the filters
    assert not [a for _, a in dom.tags if "hidden" in a]


def test_unticking_a_severity_hides_its_flags_and_highlights(result, tmp_path):
    dom = dump_dom(with_probe(html.render(result), UNTICK_INFO), tmp_path)
    items = [a for a in dom.find("li") if (a.get("class") or "").startswith("flag ")]
    assert {a["data-severity"] for a in items if "hidden" in a} == {"info"}
    assert {a["data-severity"] for a in items if "hidden" not in a} == {"error", "warning"}
    info = {f"flag-{n}" for n, flag in enumerate(sorted(result.flags), 1) if flag.severity == "info"}
    off = [set(mark["data-flags"].split()) <= info for mark in dom.marks]
    assert any(off) and not all(off)  # the seed has both kinds, so this can tell
    assert off == ["off" in mark["class"].split() for mark in dom.marks]


def test_clicking_a_highlight_scrolls_to_its_note_and_back(result, tmp_path):
    out = probed(dump_dom(with_probe(html.render(result), CLICK_THERE_AND_BACK), tmp_path, size="1000,600"))
    last = f"flag-{len(result.flags)}"
    assert out["note"] == last
    assert out["noteBefore"] is False and out["noteAfter"] is True  # the click brought the note into view
    assert out["current"] and out["focused"]
    assert out["markBefore"] is False and out["markAfter"] is True  # and its quote link brought the text back
    assert out["afterJ"] == last and out["afterK"] == f"flag-{len(result.flags) - 2}"  # j/k step between flags


def test_the_first_screen_shows_the_article_and_its_margin_notes(result, tmp_path):
    page = html.render(result)
    out = probed(dump_dom(with_probe(page, LAYOUT), tmp_path))
    text, notes = out["text"], out["notes"]
    assert text[2] <= notes[0]  # side by side: notes in the margin, right of the article
    assert notes[2] <= out["width"] and text[0] >= 0
    for box in (text, out["firstNote"], out["firstMark"]):
        assert 0 <= box[1] < out["height"] * 0.4  # all start in the top part of the first screen
    shot = tmp_path / "shot.png"
    (tmp_path / "shot.html").write_text(page, encoding="utf-8")
    command = [chromium(), *FLAGS, f"--user-data-dir={tmp_path / 'profile2'}", "--window-size=1280,860",
               f"--screenshot={shot}", (tmp_path / "shot.html").as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    width, height, rows = pixels(shot)
    assert (width, height) == (1280, 860)
    light = {_rgb(a) for a, _ in _FAMILIES}
    strong = {_rgb(b) for _, b in _FAMILIES}
    top, bottom = int(out["firstMark"][1]), height
    in_text = colours(rows, int(text[0]), int(text[2]), top, bottom)
    in_notes = colours(rows, int(notes[0]), min(int(notes[2]), width), top, bottom)
    assert len(light & in_text) >= 2  # highlights of at least two families in the article
    assert len(strong & in_notes) >= 2  # and notes edged in those families' colours beside it


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]
