"""The HTML report's style sheet and script: fixed text, so the page's CSP can admit each by its hash."""

from __future__ import annotations

# Family colours: a light one for the highlight, a strong one for the note's edge and the legend.
_FAMILIES = [("#fde2a7", "#c98f00"), ("#c9e4f6", "#2a7ab8"), ("#d7f0c8", "#4a9a2a"), ("#f6cfe0", "#c2457e"),
             ("#e2d9f7", "#6a4fc4"), ("#cdeee9", "#218a7a"), ("#f9d7c4", "#d0642a"), ("#e6e6e6", "#777777")]
_FAMILY_CSS = "\n".join(
    f"mark.fam-{i} {{ background: {light}; }} .swatch.fam-{i} {{ background: {light}; border-color: {strong}; }} "
    f".flag.fam-{i} {{ border-left-color: {strong}; }}"
    for i, (light, strong) in enumerate(_FAMILIES))

STYLE = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --paper: #fff; --error: #c5221f; --warning: #b06000;
  --info: #1a5fb4; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0;
  background: #f4f4f6; }
header.top { padding: .75rem 1.5rem .5rem; background: var(--paper); border-bottom: 1px solid var(--rule); }
h1 { font-size: 1.15rem; margin: 0 1rem 0 0; display: inline-block; }
.summary { display: inline; color: var(--muted); margin: 0; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; align-items: center; margin: .4rem 0 .2rem;
  font-size: .85rem; }
.legend ul { list-style: none; display: flex; flex-wrap: wrap; gap: .2rem .9rem; margin: 0; padding: 0; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border: 2px solid; border-radius: .2rem;
  vertical-align: -.15rem; margin-right: .3rem; }
.errors { font-size: .9rem; margin: .35rem 0 .1rem; }
.errors ul { display: inline; list-style: none; margin: 0 0 0 .4rem; padding: 0; }
.errors li { display: inline; margin-right: 1rem; } .errors a { color: var(--error); }
.errors .num { background: #fbe0df; }
.keys { margin: 0; color: var(--muted); }
kbd { font: .8rem ui-monospace, monospace; border: 1px solid var(--rule); border-bottom: 2px solid var(--rule);
  border-radius: .25rem; padding: 0 .3rem; background: #fafafa; }
#filters { font-size: .85rem; }
fieldset { display: inline-block; border: 0; margin: 0 1rem 0 0; padding: 0; }
legend { display: inline; float: left; font-weight: 600; margin-right: .5rem; }
label { display: inline-block; margin-right: .6rem; }
main { max-width: 96rem; margin: 0 auto; padding: 0 1.5rem 2rem; }
section.document > h2 { font-size: .95rem; font-weight: 600; color: var(--muted); margin: 1rem 0 .5rem;
  overflow-wrap: anywhere; }
.sheet { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr); gap: 1.5rem; align-items: start; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font: 1.1rem/1.75 Georgia, "Times New Roman", serif;
  background: var(--paper); padding: 1.5rem 2rem; border: 1px solid var(--rule); border-radius: .4rem;
  max-width: 46rem; }
mark { color: inherit; border-radius: .15rem; padding: 0 .05rem; cursor: pointer; }
mark.sev-error { box-shadow: inset 0 -3px 0 var(--error); }
mark.sev-warning { box-shadow: inset 0 -2px 0 var(--warning); }
mark.sev-info { box-shadow: inset 0 -1px 0 var(--info); }
mark.current { outline: 2px solid var(--ink); outline-offset: 1px; }
mark.off { background: none; box-shadow: none; cursor: auto; }
.ref { font: 600 .65rem/1 system-ui, sans-serif; vertical-align: super; text-decoration: none; color: var(--muted);
  margin-left: .1rem; }
.ref[hidden] { display: none; }
.anchor:target + mark { outline: 2px solid var(--ink); }
.sample { padding: 0 .2rem; }
.sample.sev-error { box-shadow: inset 0 -3px 0 var(--error); }
.sample.sev-warning { box-shadow: inset 0 -2px 0 var(--warning); }
.sample.sev-info { box-shadow: inset 0 -1px 0 var(--info); }
aside.notes { position: sticky; top: .5rem; max-height: calc(100vh - 1rem); overflow-y: auto; }
.flags { list-style: none; margin: 0; padding: 0; }
.flag { background: var(--paper); border: 1px solid var(--rule); border-left: 5px solid; border-radius: .4rem;
  padding: .45rem .7rem; margin: 0 0 .5rem; font-size: .88rem; }
.flag[hidden] { display: none; }
.flag:target, .flag.current { box-shadow: 0 0 0 2px var(--ink); outline: none; }
.flag p { margin: .1rem 0; }
.head { color: var(--muted); font-size: .78rem; }
.num { display: inline-block; min-width: 1.3rem; text-align: center; font-weight: 700; color: var(--ink);
  background: #eee; border-radius: .6rem; }
.sev { font-weight: 700; text-transform: uppercase; letter-spacing: .03em; }
.sev-error .sev { color: var(--error); } .sev-warning .sev { color: var(--warning); }
.sev-info .sev { color: var(--info); }
.msg { white-space: pre-line; font-weight: 500; }
.quotes { margin: .2rem 0; padding-left: 1rem; color: var(--muted); }
.quotes a { color: inherit; }
.rule code { font-size: .75rem; color: var(--muted); }
mark, code, small, .msg, .quotes a { unicode-bidi: isolate; } /* an override in a quote stays inside it */
.help { margin-top: 2rem; font-size: .9rem; }
.help dt { font-weight: 600; margin-top: .5rem; } .help dd { margin: 0 0 0 1rem; color: var(--muted); }
@media (max-width: 48rem) { .sheet { grid-template-columns: minmax(0, 1fr); }
  aside.notes { position: static; max-height: none; } .text { padding: 1rem; } }
""" + _FAMILY_CSS + "\n"

SCRIPT = """
(function () {
  var form = document.getElementById("filters");
  var notes = Array.prototype.slice.call(document.querySelectorAll("li.flag"));
  var current = -1;
  form.hidden = false;
  function marks(id) { return document.querySelectorAll('mark[data-flags~="' + id + '"]'); }
  function select(i, toText) {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    current = i;
    var note = notes[i];
    note.classList.add("current");
    marks(note.id).forEach(function (m) { m.classList.add("current"); });
    if (toText && marks(note.id).length) { marks(note.id)[0].scrollIntoView({block: "center"}); }
    note.scrollIntoView({block: "nearest"});
    note.focus({preventScroll: true});
  }
  function step(by) {
    for (var i = current + by; i >= 0 && i < notes.length; i += by) {
      if (!notes[i].hidden) { select(i, true); return; }
    }
  }
  document.addEventListener("click", function (event) {
    var hit = event.target.closest("mark[data-flags], a.ref");
    if (hit && !hit.classList.contains("off")) {
      var id = hit.dataset.flag || hit.dataset.flags.split(" ")[0];
      event.preventDefault();
      select(notes.indexOf(document.getElementById(id)), false);
      return;
    }
    var back = event.target.closest("li.flag .quotes a");
    if (back) {
      var anchor = document.getElementById(back.getAttribute("href").slice(1));
      event.preventDefault();
      select(notes.indexOf(back.closest("li.flag")), false);
      anchor.nextElementSibling.scrollIntoView({block: "center"});
    }
  });
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select");
    if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "j" || event.key === "n") { step(1); }
    if (event.key === "k" || event.key === "p") { step(-1); }
  });
  form.addEventListener("change", function () {
    var off = {}, shown = {};
    form.querySelectorAll("input").forEach(function (box) { off[box.name + ":" + box.value] = !box.checked; });
    notes.forEach(function (li) {
      li.hidden = off["severity:" + li.dataset.severity] || off["family:" + li.dataset.family];
      shown[li.id] = !li.hidden;
    });
    document.querySelectorAll("mark[data-flags]").forEach(function (mark) {
      mark.classList.toggle("off", !mark.dataset.flags.split(" ").some(function (id) { return shown[id]; }));
    });
    document.querySelectorAll("a.ref").forEach(function (ref) { ref.hidden = !shown[ref.dataset.flag]; });
  });
})();
"""
