#!/usr/bin/env bash
# Install the SPARQL servers the remote-store tests start on loopback (tests/support/servers.py):
# Virtuoso Open Source from Debian, and the Oxigraph server into the active virtualenv.
# Idempotent and quiet; run it after the project is installed and before pytest.
set -euo pipefail

if ! command -v virtuoso-t >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # The package asks for the DBA password through debconf; the tests use private databases
  # (password dba), so preseed the same one and let apt run unattended.
  printf '%s\n' \
    "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password dba" \
    "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password dba" \
    | $sudo debconf-set-selections
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null
fi

# `oxigraph` comes with the test extras; this covers a venv without them.
python -c "import shutil, sys, pathlib; sys.exit(0 if (pathlib.Path(sys.executable).with_name('oxigraph').is_file() or shutil.which('oxigraph')) else 1)" \
  || python -m pip install -q 'oxigraph>=0.5,<0.6'
