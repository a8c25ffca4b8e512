#!/usr/bin/env bash
# The early-season (opening night) mode on the full data: the early feature stores over every
# season (rows on the bootstrap dates only), then `evaluate-early` over the six test seasons
# 2016-17 .. 2021-22 (xgb v2 trained walk-forward on the regular feature store vs the early
# baselines, MAE per season). Prints the times and the MAE table.
# Usage: bench/early_season.sh [build-dir] [store]   (a store already through Phase 4 skips the build)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
BIN=${1:-build}/courtside
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/bench.duckdb
if [ -n "${2:-}" ]; then
  cp "$2" "$DB"  # never write into the caller's store
else
  require_data
  echo "building a full store (ingest, phase 3, phase 4) ..."
  "$BIN" --db "$DB" -q ingest "$DATA_ROOT/nba-stats" "$DATA_ROOT/game-lines" > /dev/null || true
  "$BIN" --db "$DB" -q run phase3 > /dev/null
  "$BIN" --db "$DB" -q run phase4 > /dev/null
fi
echo "courtside bench: early-season mode ($(nproc) cores)"
for p in ml_feature_store_early_v3 ml_feature_store_early ml_feature_store_early_v2; do  # v1 and v2 are cut from v3
  measure "run $p" "$BIN" --db "$DB" -q run "$p" --force
  tail -1 /tmp/courtside_bench_out | sed 's/^/    /'
done
measure "evaluate-early, 6 test seasons" "$BIN" --db "$DB" -q evaluate-early --from 2016-10-01 --to 2022-06-30 \
  --features v2 --out "$WORK/reports"
sed -n '/^Early-season/,$p' "$WORK/reports/early_season.txt"
