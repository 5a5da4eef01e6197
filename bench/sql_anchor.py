"""The default rule pack as SQL in DuckDB: the anchor claimrules' speed is read against.

    python bench/sql_anchor.py JSONL_DIR OUT.json [--threads 2]

Reads the same JSON Lines facts and documents as `claimrules check`, and writes the same flags
(rule, cited fact ids, document, line, column, message) as a JSON array. It holds only for
what the bench's corpora use (bench/corpus.py): one document per facts file, a `date` first
line, quotes on one line, written once, with single spaces; values that are text or true/false,
numbers that are whole. Within that, the semantics are the README's (and tests/reference.py's):
mirrored pairs folded to the binding that reads in document order, `unless` facts other than
the matched one, `--max-group` 250 on the joins. DuckDB is a bench-only extra (`.[bench]`).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

CAP = 250  # engine.compile.encode.MAX_GROUP: facts per (subject, attribute) the join rules see

FACT_TYPE = ("STRUCT(id VARCHAR, text VARCHAR, quote VARCHAR, kind VARCHAR, subject VARCHAR, attribute VARCHAR, "
             "value JSON, number JSON, source VARCHAR, attribution VARCHAR, as_of VARCHAR, since VARCHAR, "
             "until VARCHAR, status VARCHAR, stance VARCHAR, hedged BOOLEAN, superlative BOOLEAN, "
             "background BOOLEAN)")

# Facts with everything a rule reads: defaults filled, entities resolved, quotes located, times as dates.
LOAD = r"""
CREATE TABLE lines AS SELECT * FROM read_json({files}, format='newline_delimited', filename=true,
    columns={{document: 'STRUCT(path VARCHAR, outlet VARCHAR, published VARCHAR)',
              entity: 'STRUCT(id VARCHAR, name VARCHAR, type VARCHAR)', fact: '{fact_type}'}});
CREATE TABLE entities AS SELECT DISTINCT entity.id AS id, entity.name AS name, entity.type AS type
    FROM lines WHERE entity IS NOT NULL;
CREATE TABLE heads AS SELECT filename, document.outlet AS outlet,
    regexp_replace(parse_dirpath(filename) || '/' || document.path, '[^/]+/\.\./', '', 'g') AS file
    FROM lines WHERE document IS NOT NULL;
CREATE TABLE docs AS SELECT h.filename, h.outlet, t.content,
    CASE WHEN starts_with(h.file, {cwd}) THEN substr(h.file, length({cwd}) + 1) ELSE h.file END AS doc,
    regexp_extract(t.content, '^date (\d{{4}}-\d{{2}}-\d{{2}})', 1) AS published
    FROM heads h JOIN read_text({documents}) t ON t.filename = h.file;
CREATE TABLE located AS SELECT f.*, d.doc, d.published,
    COALESCE(f.as_of, NULLIF(d.published, '')) AS asof_text,
    substr(d.content, 1, strpos(d.content, f.quote) - 1) AS before
    FROM (SELECT filename, fact.* FROM lines WHERE fact IS NOT NULL) f JOIN docs d USING (filename);
CREATE MACRO first_day(t) AS CASE length(t) WHEN 4 THEN make_date(t::INT, 1, 1)
    WHEN 7 THEN make_date(t[1:4]::INT, t[6:7]::INT, 1) WHEN 10 THEN t::DATE END;
CREATE MACRO last_day_of(t) AS CASE length(t) WHEN 4 THEN make_date(t::INT, 12, 31)
    WHEN 7 THEN last_day(make_date(t[1:4]::INT, t[6:7]::INT, 1)) WHEN 10 THEN t::DATE END;
CREATE TABLE facts AS SELECT *,
    row_number() OVER (ORDER BY doc, line, col, line, end_col, id) AS ord,
    subject IS NULL OR attribute IS NULL
        OR row_number() OVER (PARTITION BY subject, attribute ORDER BY doc, line, col, id) <= {cap} AS jok
    FROM (SELECT l.id, l.text, l.quote, l.kind, l.subject, l.attribute, l.value, l.number, l.source,
        l.status, l.stance, l.doc, l.published,
        COALESCE(l.hedged, false) AS hedged, COALESCE(l.superlative, false) AS superlative,
        COALESCE(l.background, false) AS background, l.attribution,
        json_type(l.value) AS vtype, l.value ->> '$' AS vtext, l.number::DOUBLE AS num,
        COALESCE(se.name, l.source) AS source_name, se.type AS source_type,
        COALESCE(su.name, l.subject) AS subject_name,
        length(l.before) - length(replace(l.before, chr(10), '')) + 1 AS line,
        length(regexp_extract(l.before, '[^\n]*$')) + 1 AS col,
        length(regexp_extract(l.before, '[^\n]*$')) + 1 + length(l.quote) AS end_col,
        first_day(l.asof_text) AS asof, first_day(l.published) AS pub,
        COALESCE(first_day(l.since), first_day(l.asof_text), DATE '0001-01-01') AS t0,
        COALESCE(last_day_of(l.until), last_day_of(l.asof_text), DATE '9999-12-31') AS t1
        FROM located l LEFT JOIN entities se ON se.id = l.source LEFT JOIN entities su ON su.id = l.subject);
"""

# Join rules: the tests both facts pass ({x}: a, then b), and those between them.
SAME = "b.subject = a.subject AND b.attribute = a.attribute AND a.jok AND b.jok AND a.id <> b.id"
OVERLAP = "b.t0 <= a.t1 AND b.t1 >= a.t0"
SYMMETRIC = {
    "conflicting-state": ("{x}.kind IN ('state', 'presupposition', 'quantity') AND NOT {x}.hedged "
                          "AND ({x}.vtype IS NULL OR {x}.vtype <> 'BOOLEAN')",
                          f"{SAME} AND b.value IS NOT NULL AND a.value IS NOT NULL AND b.value <> a.value "
                          f"AND {OVERLAP}"),
    "disputed-assessment": ("{x}.kind = 'assessment'",
                            f"{SAME} AND a.source IS NOT NULL AND a.value IS NOT NULL AND b.value IS NOT NULL "
                            "AND b.value <> a.value AND b.source IS NOT NULL AND b.source <> a.source"),
    "conflicting-number": ("{x}.kind = 'quantity' AND NOT {x}.hedged AND {x}.num IS NOT NULL",
                           f"{SAME} AND b.num <> a.num AND {OVERLAP}"),
}
TRUE_CLAIM = ("a.vtype = 'BOOLEAN' AND a.vtext = 'true' AND NOT a.hedged AND a.stance IS DISTINCT FROM 'disputed' "
              "AND a.attribute IS NOT NULL")
ASYMMETRIC = {
    "denied-claim": f"""{TRUE_CLAIM} AND b.stance IN ('denies', 'debunks') AND b.vtype = 'BOOLEAN'
        AND b.vtext = 'false' AND {SAME} AND {OVERLAP}""",
    "negated-claim": f"""{TRUE_CLAIM} AND b.vtype = 'BOOLEAN' AND b.vtext = 'false' AND NOT b.hedged
        AND (b.stance IS NULL OR b.stance NOT IN ('denies', 'debunks')) AND {SAME} AND {OVERLAP}
        AND b.doc <> a.doc""",
    "reopened-after-done": f"""a.status IN ('done', 'cancelled') AND a.subject IS NOT NULL
        AND a.attribute IS NOT NULL AND (b.kind IN ('plan', 'commitment', 'prediction')
        OR b.status IN ('announced', 'begun')) AND {SAME} AND b.asof > a.pub""",
}
SINGLE = {
    "open-plan": """(a.kind IN ('plan', 'commitment') OR a.status IN ('announced', 'begun'))
        AND NOT (a.jok AND EXISTS (SELECT 1 FROM facts d WHERE d.status IN ('done', 'cancelled')
            AND d.subject = a.subject AND d.attribute = a.attribute AND d.jok AND d.id <> a.id
            AND ((d.asof >= a.asof) OR (d.pub >= a.asof))))""",
    "unverified-prediction": """a.kind = 'prediction' AND NOT (a.jok AND EXISTS (SELECT 1 FROM facts d
        WHERE d.kind NOT IN ('prediction', 'plan', 'commitment') AND d.subject = a.subject
        AND d.attribute = a.attribute AND d.jok AND d.id <> a.id AND d.asof > a.asof))""",
    "record-claim": "a.superlative",
    "unattributed-claim": "a.source IS NULL AND NOT a.background AND a.kind <> 'presupposition'",
    "vague-source": "a.source_type IN ('institution', 'anonymous-group')",
    "secondary-reporting": "a.attribution = 'reported' AND a.source_type = 'outlet'",
}


EMPTY = "\ufdd0"  # as engine.run.flags: an empty placeholder, removed with the space before it
SLUG = "[a-z0-9]+([-_][a-z0-9]+)+"


def text(alias: str, field: str, default: str | None = None) -> str:
    """`{alias.field|default}` as engine.run.flags.render_message fills it: entity names, slugs as words."""
    column = {"source": "source_name", "value": "vtext", "number": "number::VARCHAR", "document": "doc"}.get(field, field)
    shown = f"{alias}.{column}"
    if field in ("subject", "attribute"):  # an entity's name; else a slug (`topic-0-2`) as words
        words = f"regexp_replace({alias}.{field}, '[-_]', ' ', 'g')"
        plain = f"CASE WHEN regexp_full_match({alias}.{field}, '{SLUG}') THEN {words} ELSE {alias}.{field} END"
        shown = plain if field == "attribute" else \
            f"CASE WHEN {alias}.subject_name IS DISTINCT FROM {alias}.subject THEN {alias}.subject_name ELSE {plain} END"
    fallback = "'" + (default if default else EMPTY).replace("'", "''") + "'"
    return f"COALESCE(NULLIF({shown}, ''), {fallback})"


MESSAGES = {
    "conflicting-state": ["a.subject", " ", "a.attribute", ": “", "a.value|one value", "” conflicts with “",
                          "b.value|another", "”"],
    "disputed-assessment": ["a.source", " says ", "a.subject", " ", "a.attribute", " is “", "a.value", "”; ",
                            "b.source", " says “", "b.value", "”"],
    "denied-claim": ["“", "a.text", "” is denied by ", "b.source|an unnamed source", ": “", "b.text", "”"],
    "negated-claim": ["a.subject", " ", "a.attribute", ": “", "a.text", "” against “", "b.text", "”"],
    "conflicting-number": ["a.subject|the same thing", " ", "a.attribute|count", ": ", "a.number", " against ",
                           "b.number"],
    "open-plan": ["Open ", "a.kind", ", to follow up"],
    "unverified-prediction": ["Prediction to revisit"],
    "reopened-after-done": ["b.document", " presents as open what ", "a.document", " reported ", "a.status", ": “",
                            "b.text", "”"],
    "record-claim": ["Record claim to verify"],
    "unattributed-claim": ["Unattributed ", "a.kind", ": no source is named"],
    "vague-source": ["Vague source: ", "a.source|an unnamed source"],
    "secondary-reporting": ["Relayed from ", "a.source|another outlet", ": check the original report"],
}


def message(rule: str) -> str:
    parts = [text(*p.split("|", 1)[0].split("."), *p.split("|", 1)[1:])
             if p[:2] in ("a.", "b.") and " " not in p.split("|", 1)[0] else "'" + p.replace("'", "''") + "'"
             for p in MESSAGES[rule]]
    return f"regexp_replace({' || '.join(parts)}, ' ?{EMPTY}', '', 'g')"


def pair_select(rule: str, where: str) -> str:
    """Pairs folded as flags.py folds them: of (a, b) and (b, a), the one that reads in document order."""
    return f"""SELECT '{rule}' AS rule, a.id AS a, b.id AS b, a.ord AS ao, b.ord AS bo, a.doc AS document,
        a.line AS line, a.col AS "column", {message(rule)} AS message FROM facts a JOIN facts b
        ON b.subject = a.subject AND b.attribute = a.attribute WHERE {where}"""


def rule_sql() -> list[str]:
    out = [pair_select(rule, f"{both.format(x='a')} AND {both.format(x='b')} AND {between}")
           for rule, (both, between) in SYMMETRIC.items()]
    return out + [pair_select(rule, where) for rule, where in ASYMMETRIC.items()]


def run(jsonl: Path, out: Path, threads: int) -> int:
    import duckdb

    con = duckdb.connect(config={"threads": threads})
    files = "'" + str(jsonl.resolve()) + "/*.jsonl'"
    cwd = "'" + os.getcwd().replace("'", "''") + "/'"
    load = LOAD.format(files=files, cwd=cwd, cap=CAP, fact_type=FACT_TYPE, documents="{documents}")
    head, rest = load.split("CREATE TABLE docs", 1)
    con.execute(head)
    documents = [row[0] for row in con.execute("SELECT DISTINCT file FROM heads ORDER BY file").fetchall()]
    con.execute(("CREATE TABLE docs" + rest).replace("{documents}", repr(documents)))
    pairs = " UNION ALL ".join(rule_sql())
    singles = " UNION ALL ".join(
        f"""SELECT '{rule}' AS rule, a.id, a.doc AS document, a.line, a.col AS "column", {message(rule)} AS message,
            a.ord FROM facts a WHERE {where}""" for rule, where in SINGLE.items())
    con.execute(f"""CREATE TABLE pairs AS {pairs}""")
    con.execute(f"""COPY (
        SELECT rule, [id] AS facts, document, line, "column", message FROM ({singles})
        UNION ALL
        SELECT p.rule, [p.a, p.b], p.document, p.line, p."column", p.message FROM pairs p
            WHERE p.ao < p.bo OR NOT EXISTS (SELECT 1 FROM pairs q WHERE q.rule = p.rule AND q.a = p.b
                                                AND q.b = p.a)
        ORDER BY document, line, "column", rule, facts) TO '{out}' (FORMAT json, ARRAY true)""")
    return con.execute(f"SELECT count(*) FROM read_json('{out}')").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    print(run(args.jsonl, args.out, args.threads))


if __name__ == "__main__":
    main()
