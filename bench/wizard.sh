#!/usr/bin/env bash
# The wizard as a whole process (release build, in a pseudo-terminal): start → first frame,
# API answer → QR on screen, CPU while idle at the code prompt, peak RSS of a whole enrollment,
# stripped binary size. Prints the figures, a JSON line and the budget verdicts.
#   usage: bench/wizard.sh          env: RUNS (start-up samples, default 15), IDLE_SECS (10)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -x /usr/bin/time ]]; then
  echo "wizard: /usr/bin/time is missing (apt-get install time); peak RSS from VmHWM only" >&2
fi
cargo bench --quiet --bench wizard_process
file -b target/release/cognito-mfa | grep -q stripped || echo "wizard: the binary is not stripped" >&2
