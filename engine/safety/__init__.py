"""Safety: what keeps any run bounded and its output harmless, whatever the input.

Takes user-derived text and gives text safe for a terminal, a CI log or Markdown (`sanitise`);
takes a `--timeout-total` and gives a deadline over the whole check (`deadline`); takes SIGINT and
SIGTERM and gives a clean stop of every worker process (`interrupt`).
"""
