#!/usr/bin/env bash
# The action's check step, also run by tests/test_anywhere.py in a temporary repository.
# Inputs come as environment variables, never pasted into a script; empty ones add nothing, so
# the repository's own claimrules.yaml (or [tool.claimrules]) decides what is checked and how.
#   CONFIG        --config FILE                PATHS  facts files, articles or folders (space-separated)
#   FAIL_ON       --fail-on SEVERITY           SARIF  where the SARIF report goes (--output sarif=FILE)
#   BASELINE      --baseline FILE              SUPPRESSIONS  --suppressions FILE
#   ARGS          more `claimrules check` options, split on spaces
#   CLAIMRULES    the command to run (default: claimrules)
# Under GitHub Actions the check prints annotations and appends its Markdown report to the job
# summary itself. Exits with the check's own code (0 clean, 1 flags, 2 bad input, 3 failure).
set -uo pipefail
set -f  # split on spaces, never expanded as globs
read -r -a command <<< "${CLAIMRULES:-claimrules}"
args=(check)
if [ -n "${CONFIG:-}" ]; then args+=(--config "$CONFIG"); fi
for path in ${PATHS:-}; do args+=("$path"); done
if [ -n "${FAIL_ON:-}" ]; then args+=(--fail-on "$FAIL_ON"); fi
if [ -n "${SARIF:-}" ]; then args+=(--output "sarif=$SARIF"); fi
if [ -n "${BASELINE:-}" ]; then args+=(--baseline "$BASELINE"); fi
if [ -n "${SUPPRESSIONS:-}" ]; then args+=(--suppressions "$SUPPRESSIONS"); fi
for arg in ${ARGS:-}; do args+=("$arg"); done
"${command[@]}" "${args[@]}"
code=$?
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "exit-code=$code" >> "$GITHUB_OUTPUT"; fi
exit "$code"
