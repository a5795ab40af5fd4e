#!/usr/bin/env bash
# Installs the AWS CLI (awscli from PyPI, botocore inside) into a venv and prints the path of its
# `aws` command. Pinned, so every differential test compares against the same peer.
#   usage: tests/peers/install-awscli.sh [VENV]     (default: target/awscli-venv)
set -euo pipefail
VENV=${1:-target/awscli-venv}
PINS=("awscli==1.46.3")
if [[ ! -x $VENV/bin/aws ]]; then
  echo "install-awscli: creating $VENV with ${PINS[*]}" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "${PINS[@]}" >&2
fi
echo "$(cd "$VENV" && pwd)/bin/aws"
