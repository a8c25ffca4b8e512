#!/usr/bin/env bash
# `courtside serve` under load: /api/picks latency (p50, p99) and requests/s with 8 concurrent
# clients (wrk, 8 keep-alive connections on 2 threads) on the eight-season store, for one date's
# picks (target p99 < 20 ms), plus /api/status and the picks page. Until `courtside daily` lands,
# models.picks is filled here with one row per player-game of 2021-22 (line: the player's mean
# points over his previous 10 games, rounded down + 0.5; the contract's columns).
# Usage: bench/serve.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
BIN=$(realpath "${1:-build}/courtside")
require_data
command -v wrk > /dev/null || { echo "bench: wrk not found (scripts/setup.sh installs it)"; exit 1; }
TMP=$(mktemp -d)
SPID=""
cleanup() { [ -n "$SPID" ] && kill "$SPID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
echo "courtside bench: serve ($(nproc) cores)"

DB=$TMP/store.duckdb
cs() { "$BIN" --db "$DB" -q "$@"; }
cs orchestrate --ingest "$DATA_ROOT/nba-stats" "$DATA_ROOT/game-lines" --from 2014-10-01 --to 2022-06-13 \
   --report-dir "$TMP/reports" > /dev/null
cs sql --write "CREATE TABLE IF NOT EXISTS models.picks (game_date DATE NOT NULL, game_id VARCHAR, game VARCHAR, tipoff_utc TIMESTAMP,
  player_id BIGINT NOT NULL, player_name VARCHAR, team VARCHAR, opponent VARCHAR, is_home BOOLEAN, market VARCHAR NOT NULL,
  line DOUBLE, books INTEGER, best_over_odds INTEGER, best_over_book VARCHAR, best_under_odds INTEGER, best_under_book VARCHAR,
  predicted DOUBLE, p_over DOUBLE, p_under DOUBLE, edge DOUBLE, ev_over DOUBLE, ev_under DOUBLE, side VARCHAR, pass_reason VARCHAR,
  injury_status VARCHAR, quality_tier VARCHAR, prediction_basis VARCHAR, system VARCHAR NOT NULL, model VARCHAR, code_version VARCHAR,
  created_at TIMESTAMP, PRIMARY KEY (game_date, player_id, market, system))" > /dev/null
cs sql --write "INSERT INTO models.picks
  WITH w AS (SELECT *, avg(points) OVER (PARTITION BY player_id ORDER BY game_date ROWS BETWEEN 10 PRECEDING AND 1 PRECEDING) AS pred
             FROM analytics.player_game_summary WHERE game_date BETWEEN DATE '2021-10-19' AND DATE '2022-06-13')
  SELECT game_date, game_id, CASE WHEN is_home THEN opponent || ' @ ' || team ELSE team || ' @ ' || opponent END,
         game_date::TIMESTAMP + INTERVAL 24 HOUR, player_id, player_name, team, opponent, is_home, 'points', floor(pred) + 0.5, 5,
         -110, 'fanduel', -110, 'draftkings', pred, 0.5, 0.5, pred - floor(pred) - 0.5, 0, 0,
         CASE WHEN abs(pred - floor(pred) - 0.5) >= 0.4 THEN CASE WHEN pred > floor(pred) + 0.5 THEN 'OVER' ELSE 'UNDER' END ELSE 'PASS' END,
         CASE WHEN abs(pred - floor(pred) - 0.5) < 0.4 THEN 'edge below 0.4' END, NULL, quality_tier, NULL, 'last_10_avg', NULL,
         'bench', now()
  FROM w WHERE pred IS NOT NULL" > /dev/null
echo "  store: $(du -m "$DB" | cut -f1) MB, $(cs sql "SELECT count(*) FROM models.picks" --format csv | tail -1) picks rows"
DATE=2022-01-15
echo "  /api/picks?date=$DATE answers $(cs sql "SELECT count(*) FROM models.picks WHERE game_date = DATE '$DATE'" --format csv | tail -1) picks"

cs sql "SELECT DISTINCT game_date FROM models.picks ORDER BY game_date LIMIT 30" --format csv | tail -n +2 > "$TMP/dates.txt"

"$BIN" --db "$DB" serve --port 0 --threads 8 > "$TMP/serve.log" 2>&1 &
SPID=$!
for _ in $(seq 100); do grep -q "courtside serve: http" "$TMP/serve.log" 2>/dev/null && break; sleep 0.1; done
URL=$(grep -o "http://127.0.0.1:[0-9]*" "$TMP/serve.log" | head -1)
[ -n "$URL" ] || { cat "$TMP/serve.log"; exit 1; }

load() {  # load LABEL PATH
  wrk -t2 -c8 -d10s --latency "$URL$2" > "$TMP/wrk.txt"
  awk -v label="$1" '
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /^Requests\/sec/ {rps=$2} /Non-2xx/ {bad=$NF}
    END {printf "  %-28s p50 %8s   p99 %8s   %9s req/s%s\n", label, p50, p99, rps, bad ? "   NON-2xx: " bad : ""}' "$TMP/wrk.txt"
}
# Answers are cached per snapshot (src/serve/response_cache.hpp): first the cost of an answer
# computed from the snapshot (30 distinct dates, one request at a time), then repeated requests.
while read -r d; do curl -s -o /dev/null -w '%{time_total}\n' "$URL/api/picks?date=$d"; done < "$TMP/dates.txt" | sort -n > "$TMP/cold.txt"
awk '{a[NR]=$1*1000} END {printf "  %-28s p50 %6.2fms   max %6.2fms   (%d distinct dates, one at a time)\n", "/api/picks first answer", a[int((NR+1)/2)], a[NR], NR}' "$TMP/cold.txt"
load "/api/picks (one date)" "/api/picks?date=$DATE"
load "/api/picks (date + market)" "/api/picks?date=$DATE&market=points&side=OVER"
load "/api/status" "/api/status"
load "/ (picks page)" "/?date=$DATE"
