#!/usr/bin/env bash
# Models on the full data: train xgb on six seasons (target <= 60 s on 2 cores), predict one date
# including the model load (<= 0.2 s), and the full walk-forward evaluation over six test seasons
# 2016-17 .. 2021-22, every feature set (<= 6 min). Prints the times and the MAE tables, and the
# gain of each xgb over last_10_avg per test season (issue #5's bar: xgb_v3 at least 4% every season).
# Usage: bench/models.sh [build-dir] [store]   (a store already through Phase 4 skips the build)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
BIN=${1:-build}/courtside
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if [ -n "${2:-}" ]; then
  DB=$WORK/bench.duckdb
  cp "$2" "$DB"  # never write into the caller's store
else
  require_data
  DB=$WORK/bench.duckdb
  echo "building a full store (ingest, phase 3, phase 4) ..."
  "$BIN" --db "$DB" -q ingest "$DATA_ROOT/nba-stats" "$DATA_ROOT/game-lines" > /dev/null || true
  "$BIN" --db "$DB" -q run phase3 > /dev/null
  "$BIN" --db "$DB" -q run phase4 > /dev/null
fi
echo "courtside bench: models ($(nproc) cores)"
# v3's parameters (see tests/models_full_data_test.cpp): shallower trees, half the columns per tree.
V3_PARAMS=(--max-depth 5 --colsample 0.5 --min-child-weight 50 --subsample 0.7)

measure "train xgb v3, 6 seasons" "$BIN" --db "$DB" -q train --system xgb --features v3 --from 2014-10-01 --to 2020-10-31 "${V3_PARAMS[@]}"
grep -E "usable outcome|best rounds" /tmp/courtside_bench_out | sed 's/^/    /'
MODEL=$(sed -n 's/^  model \([^ ]*\) saved.*/\1/p' /tmp/courtside_bench_out)
measure "train xgb v2, 6 seasons" "$BIN" --db "$DB" -q train --system xgb --features v2 --from 2014-10-01 --to 2020-10-31
measure "train xgb v1, 6 seasons" "$BIN" --db "$DB" -q train --system xgb --features v1 --from 2014-10-01 --to 2020-10-31

# Predict one date, model load included: the median of five runs of the whole command.
times=()
for i in 1 2 3 4 5; do
  measure "predict 2021-01-05 (xgb, run $i)" "$BIN" --db "$DB" -q predict --date 2021-01-05 --system xgb --model "$MODEL"
  times+=("$WALL")
done
printf "%-34s median %.3f s   (target <= 0.2 s)\n" "predict one date" "$(printf '%s\n' "${times[@]}" | sort -g | sed -n 3p)"
tail -1 /tmp/courtside_bench_out | sed 's/^/    /'

measure "walk-forward, 6 test seasons" "$BIN" --db "$DB" -q evaluate --from 2016-10-01 --to 2022-06-30 \
  --walk-forward season --features v3 "${V3_PARAMS[@]}" --out "$WORK/reports"
printf "%-34s (target <= 360 s)\n" ""
sed -n '/^Population/,/^MAE (bias)/p' "$WORK/reports/evaluation.txt" | sed '$d'
echo "xgb gain over last_10_avg by test season (negative = better MAE):"
jq -r '.by_period[] | .key as $k | .systems as $s | "  \($k)" + ([$s | to_entries[] | select(.key | startswith("xgb_")) |
  "  \(.key) \((((.value.mae / $s.last_10_avg.mae) - 1) * 100 * 100 | round) / 100)%"] | join(""))' \
  "$WORK/reports/evaluation.json"
