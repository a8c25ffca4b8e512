#!/usr/bin/env bash
# Crash safety: orchestrate two seasons (2020-21 and 2021-22: box scores, play-by-play, team logs
# and game lines) from raw files, SIGKILL it at random moments until KILLS kills have really ended
# a run (exit by SIGKILL; default 100), rerun to completion, and compare every table's content
# hash, the duplicate keys and the ledger with a clean run. Kills come in rounds on a fresh store
# (up to PER_ROUND kills each, default 10; a round ends early when a resumed run finishes before
# its kill), so every kill lands in real work, from the first files ingested to the last gate;
# each round is compared with the clean run. Prints the kill moments per round; fails on any
# difference.
# Usage: bench/crash_safety.sh [build-dir] [kills] [per-round]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
BIN=${1:-build}/courtside
KILLS=${2:-100}
PER_ROUND=${3:-10}
require_data
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/in/box" "$TMP/in/pbp" "$TMP/in/lines"
for s in 2020-21 2021-22; do
  cp "$DATA_ROOT/nba-stats/leaguegamelog-team/$s.csv" "$TMP/in/"
  cp -r "$DATA_ROOT/nba-stats/boxscoretraditionalv2/$s" "$TMP/in/box/"
  cp -r "$DATA_ROOT/nba-stats/playbyplayv2/$s" "$TMP/in/pbp/"
done
cp "$DATA_ROOT"/game-lines/*.csv "$TMP/in/lines/"
ORCH=(-q orchestrate --ingest "$TMP/in" --from 2020-12-01 --to 2022-06-30 --report-dir "$TMP/rep")
TABLES="raw.boxscore_player raw.team_game_log raw.playbyplay raw.game_lines analytics.player_game_summary
  analytics.player_game_status analytics.team_offense_game_summary analytics.team_defense_game_summary
  precompute.team_defense_zone_analysis precompute.player_shot_zone_analysis precompute.player_composite_factors
  precompute.player_daily_cache precompute.ml_feature_store precompute.ml_feature_store_v2 precompute.ml_feature_store_v3
  precompute.ml_feature_store_early precompute.ml_feature_store_early_v2 precompute.ml_feature_store_early_v3"
# One query: each table's row count and content hash (raw tables without their ingest time), the
# ledger by status, and the duplicate keys of the Phase 3 and feature tables.
SQL=""
for t in $TABLES; do
  excl=""; [[ $t == raw.* ]] && excl="EXCLUDE (ingested_at)"
  SQL+="SELECT '$t' AS what, count(*) || ':' || coalesce(bit_xor(hash(t)), 0) AS v FROM (SELECT * $excl FROM $t) t UNION ALL "
done
SQL+="SELECT 'ledger ' || processor || ' ' || status, count(*)::VARCHAR FROM ops.partition_ledger GROUP BY ALL UNION ALL "
SQL+="SELECT 'duplicate keys', ((SELECT count(*) - count(DISTINCT (game_id, player_id)) FROM analytics.player_game_summary) +
  (SELECT count(*) - count(DISTINCT (game_date, game_id, player_id)) FROM precompute.ml_feature_store) +
  (SELECT count(*) - count(DISTINCT (processor, partition_date)) FROM ops.partition_ledger))::VARCHAR ORDER BY 1"
state() { "$BIN" --db "$1" sql --format csv "$SQL" | tail -n +2; }

echo "courtside bench: crash safety, seasons 2020-21 and 2021-22, $KILLS kills (SIGKILL) in rounds of up to $PER_ROUND"
t0=$(date +%s.%N)
clean_code=0; "$BIN" --db "$TMP/clean.duckdb" "${ORCH[@]}" > "$TMP/log" 2>&1 || clean_code=$?
t1=$(date +%s.%N)
clean_s=$(awk "BEGIN{print $t1 - $t0}")
state "$TMP/clean.duckdb" > "$TMP/clean.state"
printf "clean run: %.2f s, exit %d, %s partitions in the ledger, %s duplicate keys\n" "$clean_s" "$clean_code" \
  "$(grep '^ledger' "$TMP/clean.state" | awk -F, '{s += $2} END {print s}')" "$(grep '^duplicate keys' "$TMP/clean.state" | cut -d, -f2)"
grep -q "ledger.*failed" "$TMP/clean.state" && { echo "the clean run has failed partitions"; exit 1; }
RANDOM=42
span=$(printf '%.0f' "$(awk "BEGIN{print $clean_s * 900}")")  # kill moments within 90% of a clean run
killed=0 attempts=0 round=0 differing=0
while [ "$killed" -lt "$KILLS" ] && [ "$attempts" -lt $((KILLS * 4)) ]; do
  round=$((round + 1))
  rm -f "$TMP/crash.duckdb" "$TMP/crash.duckdb.wal"
  moments=""
  k=0
  while [ "$k" -lt "$PER_ROUND" ] && [ "$killed" -lt "$KILLS" ]; do
    attempts=$((attempts + 1))
    ms=$(( 50 + (RANDOM * 32768 + RANDOM) % span ))
    "$BIN" --db "$TMP/crash.duckdb" "${ORCH[@]}" > "$TMP/log" 2>&1 & pid=$!
    sleep "$(awk "BEGIN{print $ms / 1000}")"
    kill -KILL "$pid" 2>/dev/null || true
    status=0; wait "$pid" 2>/dev/null || status=$?
    if [ "$status" -ne 137 ]; then moments+=" (finished before ${ms} ms)"; break; fi
    killed=$((killed + 1)); k=$((k + 1)); moments+=" ${ms}"
  done
  code=0; "$BIN" --db "$TMP/crash.duckdb" "${ORCH[@]}" > "$TMP/log" 2>&1 || code=$?
  state "$TMP/crash.duckdb" > "$TMP/crash.state"
  if [ "$code" -eq "$clean_code" ] && diff -q "$TMP/clean.state" "$TMP/crash.state" > /dev/null; then same=identical; else
    same=DIFFERENT; differing=$((differing + 1)); diff "$TMP/clean.state" "$TMP/crash.state" || true; tail -5 "$TMP/log"; fi
  echo "round $round: $k kills at ms:$moments; rerun exit $code; every table, the ledger and the duplicate keys $same to the clean run"
done
echo "result: $killed kills (SIGKILL mid-run) in $attempts attempts over $round rounds; $differing round(s) differing from the clean run" \
     "(tables, ledger by status, duplicate keys)"
[ "$differing" -eq 0 ] && [ "$killed" -ge "$KILLS" ]
