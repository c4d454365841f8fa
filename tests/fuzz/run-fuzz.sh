#!/bin/sh
# Runs the libFuzzer target briefly from the seed corpus; new inputs go to a scratch folder,
# never into the repository. Usage: run-fuzz.sh FUZZER SEED_DIR SECONDS
set -eu
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# libFuzzer reports a crash with exit status 77 by default, which meson reads as "skipped".
exec "$1" -max_total_time="$3" -print_final_stats=1 -error_exitcode=1 -timeout_exitcode=1 \
  -artifact_prefix="$scratch/" "$scratch" "$2"
