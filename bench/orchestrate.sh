#!/usr/bin/env bash
# `orchestrate` over all eight seasons from raw files to validated features (target <= 45 s on
# 2 cores), then the same command when everything is complete (target <= 3 s).
# Usage: bench/orchestrate.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
BIN=${1:-build}/courtside
require_data
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# /usr/bin/time runs programs, not shell functions: keep the command in an array.
RUN=("$BIN" --db "$TMP/o.duckdb" -q orchestrate --ingest "$DATA_ROOT/nba-stats" "$DATA_ROOT/game-lines"
     --from 2014-10-01 --to 2022-06-30 --report-dir "$TMP/reports")
echo "courtside bench: orchestrate, 8 seasons ($(nproc) cores)"
measure "orchestrate (fresh store)" "${RUN[@]}"
grep -E "^\[|GO" /tmp/courtside_bench_out | sed 's/^/  /'
measure "orchestrate again (all complete)" "${RUN[@]}"
grep -E "^\[|GO" /tmp/courtside_bench_out | sed 's/^/  /'
