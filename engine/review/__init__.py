"""Review: what people decided about flags → which flags may fail a run.

Takes flags plus a baseline (flags already known) and suppressions (flags accepted, each with a
reason) and gives the triaged result: new, known, suppressed, and the problems of stale entries.
"""
