#!/usr/bin/env bash
# Times a full ingest + Phase 3 of ../shared/data/nba-stats into a fresh store (Release build),
# then an unchanged rerun. Prints wall time, rows/s and peak RSS of each step.
# Usage: bench/ingest_phase3.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
BIN=$BUILD/courtside
DATA=${COURTSIDE_DATA:-../shared/data}/nba-stats
[ -d "$DATA" ] || { echo "bench: $DATA not found (needs the full shared data)"; exit 1; }
DB=$(mktemp -d)/bench.duckdb
trap 'rm -rf "$(dirname "$DB")"' EXIT

measure() {  # label, command...: prints wall seconds and peak RSS (MB)
  local label=$1; shift
  local t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o /tmp/courtside_bench_rss "$@" > /tmp/courtside_bench_out 2>&1 || { cat /tmp/courtside_bench_out; exit 1; }
  local t1=$(date +%s.%N)
  local wall=$(awk "BEGIN{print $t1 - $t0}")
  local rss=$(( $(cat /tmp/courtside_bench_rss) / 1024 ))
  printf "%-28s wall %7.2f s   peak RSS %6d MB\n" "$label" "$wall" "$rss"
  echo "$wall" > /tmp/courtside_bench_wall
}

echo "courtside bench: ingest + Phase 3 of $DATA ($(nproc) cores)"
measure "ingest (fresh store)" "$BIN" --db "$DB" -q ingest "$DATA"
ingest_wall=$(cat /tmp/courtside_bench_wall)
measure "phase3 (all dates)" "$BIN" --db "$DB" -q run phase3
phase3_wall=$(cat /tmp/courtside_bench_wall)
rows=$("$BIN" --db "$DB" sql --format csv "SELECT (SELECT count(*) FROM raw.boxscore_player) + (SELECT count(*) FROM raw.playbyplay) + (SELECT count(*) FROM raw.team_game_log)" | tail -1)
out=$("$BIN" --db "$DB" sql --format csv "SELECT (SELECT count(*) FROM player_game_summary) + (SELECT count(*) FROM player_game_status) + (SELECT count(*) FROM team_offense_game_summary) + (SELECT count(*) FROM team_defense_game_summary)" | tail -1)
total=$(awk "BEGIN{print $ingest_wall + $phase3_wall}")
printf "%-28s wall %7.2f s   (target <= 15 s)\n" "ingest + phase3 total" "$total"
printf "raw rows %d -> %.0f rows/s ingest; analytics rows %d -> %.0f rows/s phase3\n" "$rows" "$(awk "BEGIN{print $rows / $ingest_wall}")" "$out" "$(awk "BEGIN{print $out / $phase3_wall}")"
measure "rerun ingest (unchanged)" "$BIN" --db "$DB" -q ingest "$DATA"
measure "rerun phase3 (unchanged)" "$BIN" --db "$DB" -q run phase3
