#!/usr/bin/env bash
# Issue #13's speed figures: grade with walk-forward training (nothing reused: each run starts from a
# copy of the store without registered models) for
#   - one month of points lines (2025-10-21 .. 10-31, early season; target < 30 s),
#   - every 2025-26 points line (two months),
#   - the 2024-25 threes season (six monthly models; target < 60 s),
# then the 2024-25 threes season again with --workers 1 (the months one after another).
# Prints wall time, peak RSS and the MAE lines of each.
# Usage: bench/grade.sh [build-dir] [store]   (a store through Phase 4 with the props data; without
# one, it is built from ../shared/data: ingest of all four sources, Phase 3, Phase 4)
set -euo pipefail
BUILD=$(realpath "${1:-$(dirname "$0")/../build}")
STORE=${2:+$(realpath "$2")}
cd "$(dirname "$0")/.."
source bench/lib.sh
BIN=$BUILD/courtside
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
BASE=$WORK/base.duckdb
if [ -n "$STORE" ]; then
  cp "$STORE" "$BASE"  # never write into the caller's store
else
  require_data
  echo "building a full store (ingest of the four sources, Phase 3, Phase 4) ..."
  "$BIN" --db "$BASE" -q ingest "$DATA_ROOT/nba-stats" "$DATA_ROOT/game-lines" "$DATA_ROOT/api-payloads" "$DATA_ROOT/odds-api" > /dev/null || true
  "$BIN" --db "$BASE" -q backfill --phase 3 --from 2014-10-01 --to 2026-06-30 > /dev/null
  "$BIN" --db "$BASE" -q backfill --phase 4 --from 2014-10-01 --to 2026-06-30 > /dev/null
fi
# No model may be reused: each run trains its months from scratch.
"$BIN" --db "$BASE" -q sql --write "CREATE SCHEMA IF NOT EXISTS models; DROP TABLE IF EXISTS models.registry" > /dev/null
echo "courtside bench: grade with walk-forward training ($(nproc) cores)"

run() {  # run LABEL grade-options...
  local label=$1; shift
  local db=$WORK/run.duckdb
  cp "$BASE" "$db"
  rm -rf "$WORK/models"
  measure "$label" "$BIN" --db "$db" -q grade --system xgb --train-walk-forward month --models-dir "$WORK/models" "$@"
  grep -E "^  (model|the line|the model)" /tmp/courtside_bench_out | sed 's/^/    /'
}
run "points, one month" --market points --early-season --from 2025-10-21 --to 2025-10-31
run "points, 2025-26 (two months)" --market points --early-season --from 2025-10-21 --to 2025-11-09
run "threes, 2024-25 season" --market threes --from 2024-10-22 --to 2025-04-13
run "threes, 2024-25, --workers 1" --market threes --from 2024-10-22 --to 2025-04-13 --workers 1
