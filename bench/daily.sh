#!/usr/bin/env bash
# `courtside daily` for one new date on the full eight-season store, without fetching (target < 3 s):
# the store is built through 2022-06-10 (all eight seasons, box scores and game lines; the raw box
# scores of later dates are already in it), then `daily --date 2022-06-16` brings Phase 3/4 up to
# date for the one new game date (2022-06-13), gates it, builds the pre-game rows of 2022-06-16,
# picks and settles the day before.
# Then the same day again (a no-op but for its log row).
# Usage: bench/daily.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
BIN=$(realpath "${1:-build}/courtside")
require_data
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "courtside bench: daily on eight seasons ($(nproc) cores)"
DB=$TMP/store.duckdb
cs() { "$BIN" --db "$DB" -q "$@"; }
cs orchestrate --ingest "$DATA_ROOT/nba-stats" "$DATA_ROOT/game-lines" --from 2014-10-01 --to 2022-06-10 \
   --report-dir "$TMP/reports" > /dev/null
echo "  store through 2022-06-10: $(du -m "$DB" | cut -f1) MB"
# The store was just written: without a sync, the day's first commit waits for the kernel to
# write the whole file back (an fsync of the new WAL took 114 ms here), which a morning run on
# yesterday's store never does.
sync
measure "daily 2022-06-16 (new date)" "$BIN" --db "$DB" -q daily --offline --date 2022-06-16 --system season_avg --reports "$TMP/reports"
grep -E "^  (fetch|phase|gates|pregame|picks)" /tmp/courtside_bench_out | sed 's/^/    /'
sync
measure "daily 2022-06-16 (rerun)" "$BIN" --db "$DB" -q daily --offline --date 2022-06-16 --system season_avg --reports "$TMP/reports"
