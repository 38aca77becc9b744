#!/usr/bin/env bash
# Set up (see setup.sh) and start Mediation Desk.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/mediation-desk "$@"
