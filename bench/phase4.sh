#!/usr/bin/env bash
# Phase 4 + the feature versions (v1, v2, v3 and the early-season tables) for all eight seasons,
# from Phase 3 tables already in the store (target <= 15 s, peak RSS <= 2 GB), then recomputing one
# date on top of the full history (<= 1 s) and rerunning the finished range.
# Usage: bench/phase4.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
BIN=${1:-build}/courtside
require_data
DB=$(mktemp -d)/bench.duckdb
trap 'rm -rf "$(dirname "$DB")"' EXIT
echo "courtside bench: Phase 4 + features over 8 seasons ($(nproc) cores)"
"$BIN" --db "$DB" -q ingest "$DATA_ROOT/nba-stats" "$DATA_ROOT/game-lines" > /dev/null || true
"$BIN" --db "$DB" -q run phase3 --from 2014-10-01 --to 2022-06-30 > /dev/null
measure "phase4, all versions (8 seasons)" "$BIN" --db "$DB" -q run phase4 --from 2014-10-01 --to 2022-06-30
rows=$("$BIN" --db "$DB" sql --format csv "SELECT count(*) FROM ml_feature_store" | tail -1)
echo "  feature rows per version: $rows"
measure "one date (2022-03-15), all of phase 4" "$BIN" --db "$DB" -q run phase4 --date 2022-03-15 --force
measure "rerun of the finished range" "$BIN" --db "$DB" -q run phase4 --from 2014-10-01 --to 2022-06-30
