#!/usr/bin/env bash
# The action's install step: durable-rules (C, built from source, about a minute) is built into a
# wheel once and kept in WHEELS by actions/cache (keyed on the Python version and pyproject.toml);
# then claimrules is installed from the action's own checkout, taking durable-rules from there.
#   WHEELS  the cached wheel folder      SOURCE  the action's checkout (GITHUB_ACTION_PATH)
set -euo pipefail
: "${WHEELS:?}" "${SOURCE:?}"
WHEELS="${WHEELS/#\~/$HOME}"  # the cache path as actions/cache takes it: ~ is the home folder
pin="$(grep -o '"durable-rules==[^"]*"' "$SOURCE/pyproject.toml" | tr -d '"')"
mkdir -p "$WHEELS"
if ! compgen -G "$WHEELS/durable_rules-*.whl" >/dev/null; then
  python -m pip wheel --disable-pip-version-check --no-deps --wheel-dir "$WHEELS" "$pin"
fi
python -m pip install --disable-pip-version-check --find-links "$WHEELS" "$SOURCE"
