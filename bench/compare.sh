#!/usr/bin/env bash
# Whole-process comparison: cognito-mfa vs curl vs the AWS CLI (and pycognito for sign-in),
# interleaved, against moto and the embedded emulator on loopback. Prints medians and ratios.
#   usage: bench/compare.sh            env: ROUNDS (default 30), SIGN_IN=0 to skip sign-in,
#                                      BASELINE_BIN=path: time another cognito-mfa build beside it,
#                                      MOTO=0: the embedded emulator only (HTTP and HTTPS)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
export BIN=$PWD/target/release/cognito-mfa
export MOTO_SERVER=$(tests/peers/install-moto.sh target/moto-venv)
# The AWS CLI the differential tests compare with (one pinned version for both).
export AWS=$(tests/peers/install-awscli.sh target/awscli-venv)
PEERS=target/bench-venv
if [[ ! -x $PEERS/bin/python ]] || ! "$PEERS/bin/python" -c 'import pycognito, pyotp' 2>/dev/null; then
  echo "compare: creating $PEERS with pycognito" >&2
  python3 -m venv "$PEERS"
  "$PEERS/bin/pip" install -q --disable-pip-version-check pycognito==2024.5.1 pyotp==2.12.0 >&2
fi
export PYCOGNITO_PY=$PWD/$PEERS/bin/python
exec python3 bench/compare.py
