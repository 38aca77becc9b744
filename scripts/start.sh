#!/usr/bin/env bash
# Set up (see setup.sh) and start Mediation Desk.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# With no arguments: the demo (a local platform with realistic cases, and the desk on it).
if [ $# -eq 0 ]; then
  set -- demo
fi
exec .venv/bin/mediation-desk "$@"
