#!/usr/bin/env bash
# Crash safety: orchestrate a full season (2021-22) from raw files, SIGKILL it at random moments
# (10 times by default), rerun to completion, and compare every table's content hash with a clean
# run. Prints the kill times, duplicate keys and lost partitions (both must be 0).
# Usage: bench/crash_safety.sh [build-dir] [kills]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
BIN=${1:-build}/courtside
KILLS=${2:-10}
require_data
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/in/box" "$TMP/in/pbp"
cp "$DATA_ROOT/nba-stats/leaguegamelog-team/2021-22.csv" "$TMP/in/"
cp -r "$DATA_ROOT/nba-stats/boxscoretraditionalv2/2021-22" "$TMP/in/box/"
cp -r "$DATA_ROOT/nba-stats/playbyplayv2/2021-22" "$TMP/in/pbp/"
ORCH=(-q orchestrate --ingest "$TMP/in" --from 2021-10-01 --to 2022-06-30 --report-dir "$TMP/rep")
run() { "$BIN" --db "$1" "${ORCH[@]}" > "$TMP/log" 2>&1; }
hashes() {
  for t in raw.boxscore_player raw.team_game_log raw.playbyplay analytics.player_game_summary analytics.player_game_status \
           analytics.team_offense_game_summary analytics.team_defense_game_summary precompute.team_defense_zone_analysis \
           precompute.player_shot_zone_analysis precompute.player_composite_factors precompute.player_daily_cache \
           precompute.ml_feature_store precompute.ml_feature_store_v2 precompute.ml_feature_store_v3 \
           precompute.ml_feature_store_early precompute.ml_feature_store_early_v2 precompute.ml_feature_store_early_v3; do
    excl=""; [[ $t == raw.* ]] && excl="EXCLUDE (ingested_at)"
    echo "$t $("$BIN" --db "$1" sql --format csv "SELECT count(*) || ':' || coalesce(bit_xor(hash(t)), 0) FROM (SELECT * $excl FROM $t) t" | tail -1)"
  done
}
echo "courtside bench: crash safety, season 2021-22, $KILLS kills"
t0=$(date +%s.%N); run "$TMP/clean.duckdb"; t1=$(date +%s.%N)
clean_s=$(awk "BEGIN{print $t1 - $t0}")
printf "clean run: %.2f s\n" "$clean_s"
RANDOM=42
# A kill counts only when it really ended a run (exit by SIGKILL): a moment drawn after the resumed
# run had already finished does not. Moments are drawn within the first 60% of a clean run.
killed=0 attempts=0
span=$(printf '%.0f' "$(awk "BEGIN{print $clean_s * 600}")")
while [ "$killed" -lt "$KILLS" ] && [ "$attempts" -lt $((KILLS * 4)) ]; do
  attempts=$((attempts + 1))
  ms=$(( 100 + RANDOM % span ))
  "$BIN" --db "$TMP/crash.duckdb" "${ORCH[@]}" > "$TMP/log" 2>&1 & pid=$!
  sleep "$(awk "BEGIN{print $ms / 1000}")"
  kill -KILL "$pid" 2>/dev/null || true
  status=0; wait "$pid" 2>/dev/null || status=$?
  if [ "$status" -eq 137 ]; then killed=$((killed + 1)); echo "  kill $killed at ${ms} ms"; else echo "  (run finished before ${ms} ms: not a kill)"; fi
done
run "$TMP/crash.duckdb"
hashes "$TMP/clean.duckdb" > "$TMP/a"; hashes "$TMP/crash.duckdb" > "$TMP/b"
dups=$("$BIN" --db "$TMP/crash.duckdb" sql --format csv "SELECT (SELECT count(*) - count(DISTINCT (game_id, player_id)) FROM player_game_summary) + (SELECT count(*) - count(DISTINCT (game_date, game_id, player_id)) FROM ml_feature_store)" | tail -1)
lost=$("$BIN" --db "$TMP/crash.duckdb" sql --format csv "SELECT (SELECT count(*) FROM ops.partition_ledger WHERE status = 'failed') + abs((SELECT count(*) FROM ops.partition_ledger) - $("$BIN" --db "$TMP/clean.duckdb" sql --format csv "SELECT count(*) FROM ops.partition_ledger" | tail -1))" | tail -1)
if diff "$TMP/a" "$TMP/b" > /dev/null; then same=identical; else same=DIFFERENT; diff "$TMP/a" "$TMP/b" || true; fi
echo "result: $killed kills (SIGKILL mid-run) in $attempts attempts, tables $same to the clean run, duplicate keys $dups, lost or failed partitions $lost"
[ "$same" = identical ] && [ "$dups" = 0 ] && [ "$lost" = 0 ] && [ "$killed" -ge "$KILLS" ]
