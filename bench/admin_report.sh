#!/usr/bin/env bash
# `admin report` over the emulator's generated users (release build): wall time, peak memory
# (max RSS from /usr/bin/time -v) and requests per second, at each pool size given, so the
# figures show whether memory grows with the pool.
#   usage: bench/admin_report.sh [SIZES…]     (default: 10000 100000)
#   env: CONCURRENCY (default 8), FORMAT (csv)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); ((${#sizes[@]})) || sizes=(10000 100000)
command -v /usr/bin/time >/dev/null || { echo "admin_report: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
[[ -n "${BIN:-}" ]] || cargo build --release --quiet
bin=${BIN:-target/release/cognito-mfa}
work=$(mktemp -d)
trap 'kill "${emu_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
printf '%-8s %10s %12s %12s %12s %14s\n' users "wall s" "max RSS KiB" requests "requests/s" "emulator RSS"
for n in "${sizes[@]}"; do
  mkfifo "$work/report.$n"
  "$bin" emulator --generate-users "$n" >"$work/report.$n" 2>"$work/emulator.$n.log" &
  emu_pid=$!
  exec 3<"$work/report.$n"
  read -r startup <&3
  endpoint=$(jq -r .endpoint <<<"$startup")
  pool=$(jq -r .user_pool_id <<<"$startup")
  export AWS_ACCESS_KEY_ID=$(jq -r .admin.accessKeyId <<<"$startup")
  export AWS_SECRET_ACCESS_KEY=$(jq -r .admin.secretAccessKey <<<"$startup")
  export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent
  /usr/bin/time -v "$bin" admin report --user-pool-id "$pool" --endpoint-url "$endpoint" \
    --format "${FORMAT:-csv}" --concurrency "${CONCURRENCY:-8}" --out "$work/out.$n" 2>"$work/time.$n"
  rows=$(($(wc -l <"$work/out.$n") - 1))
  expected=$((n + $(jq '.users | length' <<<"$startup")))   # the generated users and the demo users
  [[ $rows -eq $expected || ${FORMAT:-csv} != csv ]] || { echo "admin_report: $rows rows for $expected users" >&2; exit 1; }
  wall=$(grep -oP 'Elapsed \(wall clock\) time.*: \K.*' "$work/time.$n")
  rss=$(grep -oP 'Maximum resident set size \(kbytes\): \K[0-9]+' "$work/time.$n")
  line=$(grep '^Wrote ' "$work/time.$n")
  requests=$(grep -oP 'with \K[0-9]+(?= requests)' <<<"$line")
  rate=$(grep -oP '\(\K[0-9]+(?= requests/s)' <<<"$line")
  emu_rss=$(grep -oP 'VmHWM:\s+\K[0-9]+' "/proc/$emu_pid/status" || echo "?")
  printf '%-8s %10s %12s %12s %12s %14s\n' "$n" "$wall" "$rss" "$requests" "$rate" "$emu_rss"
  kill "$emu_pid"; wait "$emu_pid" 2>/dev/null || true
  exec 3<&-
done
