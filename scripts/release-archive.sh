#!/usr/bin/env bash
# Builds a release archive: the binary, the man page and the completion scripts it prints, the
# README, CHANGELOG and licences, in cognito-mfa-VERSION-TARGET/ packed as .tar.gz (.zip for
# Windows targets), written to target/dist/. Prints the archive's path.
#   usage: scripts/release-archive.sh [TARGET]    (default: the host's)
#   CARGO_PROFILE=dev scripts/release-archive.sh  builds without optimisation (CI's quick check)
set -euo pipefail
cd "$(dirname "$0")/.."
host=$(rustc -vV | sed -n 's/^host: //p')
target=${1:-$host}
profile=${CARGO_PROFILE:-release}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
dir_profile=$([[ $profile == dev ]] && echo debug || echo "$profile")
exe=cognito-mfa; [[ $target == *windows* ]] && exe=cognito-mfa.exe
if [[ $target == "$host" ]]; then
  cargo build --locked --profile "$profile" --bin cognito-mfa >&2
  bin=target/$dir_profile/$exe
else
  cargo build --locked --profile "$profile" --target "$target" --bin cognito-mfa >&2
  bin=target/$target/$dir_profile/$exe
fi
name=cognito-mfa-$version-$target
stage=target/dist/$name
rm -rf "$stage" && mkdir -p "$stage/completions"
cp "$bin" README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE "$stage/"
# The man page and completions come from the binary: from the host's build when cross-building.
run=$bin
if [[ $target != "$host" ]]; then
  cargo build --locked --profile "$profile" --bin cognito-mfa >&2
  run=target/$dir_profile/cognito-mfa
fi
"$run" man > "$stage/cognito-mfa.1"
"$run" completion bash > "$stage/completions/cognito-mfa.bash"
"$run" completion zsh > "$stage/completions/_cognito-mfa"
"$run" completion fish > "$stage/completions/cognito-mfa.fish"
"$run" completion powershell > "$stage/completions/_cognito-mfa.ps1"
cd target/dist
if [[ $target == *windows* ]]; then
  rm -f "$name.zip" && zip -qr "$name.zip" "$name" && echo "$PWD/$name.zip"
else
  tar -czf "$name.tar.gz" "$name" && echo "$PWD/$name.tar.gz"
fi
