#!/usr/bin/env bash
# How the chain grows with the data: orchestrate (ingest -> Phase 3 -> Phase 4 -> features, gated)
# on 1, 2, 4 and 8 real seasons (the newest first), with wall time and peak memory and their slope
# per season; then a synthetic store of 8 x COPIES seasons (the real ones repeated under new game
# ids and dates, bench/synth_seasons.py) to show that 30+ seasons run in bounded memory.
# Usage: bench/scale.sh [build-dir] [copies=4]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
BIN=$(realpath "${1:-build}/courtside")
COPIES=${2:-4}
require_data
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
S=$DATA_ROOT/nba-stats
SEASONS=(2021-22 2020-21 2019-20 2018-19 2017-18 2016-17 2015-16 2014-15)
echo "courtside bench: scale ($(nproc) cores)"
: > "$TMP/points"
for n in 1 2 4 8; do
  D=$TMP/data$n
  mkdir -p "$D/nba-stats/boxscoretraditionalv2" "$D/nba-stats/playbyplayv2" "$D/nba-stats/leaguegamelog-team"
  for s in "${SEASONS[@]:0:$n}"; do
    ln -s "$(realpath "$S/boxscoretraditionalv2/$s")" "$D/nba-stats/boxscoretraditionalv2/$s"
    [ -d "$S/playbyplayv2/$s" ] && ln -s "$(realpath "$S/playbyplayv2/$s")" "$D/nba-stats/playbyplayv2/$s"
    ln -s "$(realpath "$S/leaguegamelog-team/$s.csv")" "$D/nba-stats/leaguegamelog-team/$s.csv"
  done
  first=${SEASONS[$((n - 1))]}
  measure "$n season(s) from ${first}" "$BIN" --db "$TMP/s$n.duckdb" -q orchestrate --ingest "$D/nba-stats" "$DATA_ROOT/game-lines" \
    --from "${first:0:4}-10-01" --to 2022-07-01 --report-dir "$TMP/rep$n"
  echo "$n $WALL $(( $(cat /tmp/courtside_bench_rss) / 1024 ))" >> "$TMP/points"
  rm -f "$TMP/s$n.duckdb"*
done
# Least-squares slope and intercept of wall time and peak memory against seasons.
awk '{n++; x+=$1; y+=$2; m+=$3; xx+=$1*$1; xy+=$1*$2; xm+=$1*$3}
     END {d = n*xx - x*x; st = (n*xy - x*y)/d; sm = (n*xm - x*m)/d;
          printf "slope: %.2f s and %.0f MB per season (intercepts %.2f s, %.0f MB)\n", st, sm, (y - st*x)/n, (m - sm*x)/n}' "$TMP/points"
echo "synthetic: $((8 * COPIES)) seasons (the eight real ones x $COPIES under new ids and dates)"
python3 bench/synth_seasons.py "$DATA_ROOT" "$TMP/synth" "$COPIES"
measure "$((8 * COPIES)) synthetic seasons" "$BIN" --db "$TMP/synth.duckdb" -q orchestrate --ingest "$TMP/synth/nba-stats" "$TMP/synth/game-lines" \
  --from 2014-10-01 --to "$((2022 + 8 * (COPIES - 1)))-07-01" --report-dir "$TMP/synth_rep"
grep -E "^\[|GO" /tmp/courtside_bench_out | sed 's/^/  /'
