"""Load: files on disk → checked records.

Takes paths (facts files, articles, rule files, packs, config) and gives validated, frozen
records (`FactSet`, `Rule`, `Config`) or one `InputError` carrying every located `Problem`.
YAML keeps a line:column for every key and value; nothing read is ever executed.
"""
