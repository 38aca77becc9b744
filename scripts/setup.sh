#!/usr/bin/env bash
# Set up everything Mediation Desk needs on Debian 12 (or Ubuntu) with Python 3.11+:
# system packages (when run as root; otherwise it names what is missing), a virtual
# environment in .venv with the project and its development tools, and compiled
# translations. Safe to run again: it only does what is not done yet.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
SYSTEM_PACKAGES=(
  # Qt offscreen and in a real window
  libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1
  # Chinese on screen and in PDFs (TrueType outlines, which ReportLab can embed)
  fonts-wqy-microhei fonts-arphic-uming
  # PDF checks, screenshots, the test database
  poppler-utils libnss3-tools xvfb xauth postgresql
  # qpdf --check on the decision documents
  qpdf
)

missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ! "$PYTHON" -c "import venv, ensurepip" >/dev/null 2>&1; then
  missing+=(python3-venv)
fi

if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "These system packages are missing: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    echo "(or run this script as root and it installs them itself)" >&2
    exit 1
  fi
fi

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Mediation Desk needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Qt PDF is no longer a dependency: its only wheels (6.12) pin PySide6 6.12.0, which
# crashes on Python 3.11, and pip keeps what an older install left behind. It shares
# files with PySide6 itself (PySide6/__init__.py…), so it goes together with PySide6,
# and the install below puts back the PySide6 that pyproject.toml allows, whole.
if .venv/bin/python -m pip show -q pyside6-pdf >/dev/null 2>&1; then
  echo "Removing pyside6-pdf (no longer used; it pins the PySide6 release that crashes)"
  .venv/bin/python -m pip uninstall -q -y pyside6-pdf pyside6-essentials shiboken6
  rm -f .venv/.setup-stamp
fi
# Reinstall only when the dependencies changed since the last install.
stamp=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f .venv/.setup-stamp ] || [ "$(cat .venv/.setup-stamp)" != "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip setuptools wheel
  .venv/bin/python -m pip install -q -e ".[dev]"
  echo "$stamp" > .venv/.setup-stamp
fi

if [ -x scripts/build_translations.py ] || [ -f scripts/build_translations.py ]; then
  .venv/bin/python scripts/build_translations.py
fi
