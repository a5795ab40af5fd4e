#!/usr/bin/env bash
# Installs moto (a third-party Cognito emulator from PyPI) into a venv and prints the path of
# its moto_server. Pinned, so every run tests against the same peer.
#   usage: tests/peers/install-moto.sh [VENV]     (default: target/moto-venv)
set -euo pipefail
VENV=${1:-target/moto-venv}
PINS=("moto[cognitoidp,server]==5.2.5" "pyotp==2.12.0")
if [[ ! -x $VENV/bin/moto_server ]]; then
  echo "install-moto: creating $VENV with ${PINS[*]}" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "${PINS[@]}" >&2
fi
echo "$(cd "$VENV" && pwd)/bin/moto_server"
