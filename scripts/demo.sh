#!/usr/bin/env bash
# The main job on the bundled real sample: the gated chain (ingest -> Phase 3 -> Phase 4 ->
# features), a look at the results, validation, and a resumable rerun.
# Usage: scripts/demo.sh [path/to/courtside] [store.duckdb]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/courtside}
DB=${2:-demo.duckdb}
rm -f "$DB" "$DB.wal"
cs() { "$BIN" --db "$DB" "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "orchestrate: ingest the bundled sample, then Phase 3, Phase 4 and features, each behind a validation gate"
cs orchestrate --ingest data/sample --from 2021-10-19 --to 2021-11-30 --report-dir reports

step "status: raw tables, the partition ledger, Phase 4 coverage against the calendar's maximum"
cs status

step "top scorers of opening night (Phase 3), with usage and true shooting as fractions"
cs sql "SELECT game_date, player_name, team, opponent, round(minutes, 2) AS minutes, points, round(usage_rate, 3) AS usage_rate,
               round(ts_pct, 3) AS ts_pct, paint_fga, mid_fga, three_fga, quality_tier
        FROM player_game_summary WHERE game_date = '2021-10-19' ORDER BY points DESC LIMIT 5"

step "one player's point-in-time feature vector (v2) with each value's source"
cs features show --player "Stephen Curry" --date 2021-11-30 --version v2

step "validate Phase 4 on its own (exit 0 pass, 1 error, 2 warnings only)"
cs validate --phase 4 --from 2021-10-19 --to 2021-11-30 || true

step "backfill dry run: nothing is stale, so nothing would run"
cs backfill --phase 4 --from 2021-10-19 --to 2021-11-30 --dry-run

step "train an XGBoost points model on the feature store (v2), early-stopped on the last 15% of dates"
cs train --system xgb --features v2 --from 2021-10-19 --to 2021-11-22

step "predict the last week with it (the model's range ends before every predicted date) and with a baseline"
cs predict --from 2021-11-23 --to 2021-11-30 --system xgb
cs predict --from 2021-11-23 --to 2021-11-30 --system last_10_avg
cs sql "SELECT p.system, count(*) AS rows, round(avg(abs(p.predicted_points - g.points)), 3) AS mae
        FROM predictions p JOIN player_game_summary g USING (game_id, player_id)
        WHERE g.minutes > 0 GROUP BY p.system ORDER BY mae"

step "walk-forward evaluation by month: every system on identical rows (text, JSON, HTML in reports/)"
echo "(one sample month gives xgb little to learn from; on eight seasons it wins: see README, Models)"
cs evaluate --from 2021-11-15 --to 2021-11-30 --walk-forward month --out reports | sed -n '1,25p'

step "2025-26 from opening night: silver Phase 3/4 from the props players' game logs, early-season rows on the bootstrap days"
cs -q backfill --phase 3 --from 2025-10-21 --to 2025-11-09 | tail -1
cs -q backfill --phase 4 --from 2025-10-21 --to 2025-11-09 | tail -1

step "grade points props against the book: xgb retrained before each month (early-season mode for opening night)"
echo "(the sample's model learns from one month of 2021-22: expect the book to win; see README for eight seasons)"
cs grade --market points --system xgb --early-season --from 2025-10-21 --to 2025-11-09 --train-walk-forward month \
   --format html --out reports/grade_points_2025-26.html | sed -n '1,12p'
cs sql "SELECT rec_by_edge AS rec, count(*) AS bets, round(avg(CASE WHEN correct_by_edge THEN 1.0 ELSE 0.0 END), 3) AS hit_rate,
               round(sum(profit_by_edge), 2) AS profit_units
        FROM grades WHERE status = 'graded' AND rec_by_edge <> 'PASS' AND NOT is_push GROUP BY ALL ORDER BY rec"

step "fetch: stats.nba.com payloads from courtside-replay (the bundled recordings of data/replay, on 127.0.0.1)"
REPLAY=$(dirname "$BIN")/tools/replay/courtside-replay
FW=$(mktemp -d)
"$REPLAY" --index data/replay/index.json --odds-quota 500 --port-file "$FW/port" > "$FW/replay.log" 2>&1 &
RPID=$!
trap 'kill $RPID 2>/dev/null || true; rm -rf "$FW"' EXIT
for _ in $(seq 50); do [ -s "$FW/port" ] && break; sleep 0.1; done
P=$(cat "$FW/port")
mkdir -p "$FW/config" && cp config/validation.yaml "$FW/config/"
sed -e "s#https://stats.nba.com#http://127.0.0.1:$P#; s#https://cdn.nba.com#http://127.0.0.1:$P#" \
    -e "s#https://api.the-odds-api.com#http://127.0.0.1:$P#; s#https://ak-static.cms.nba.com#http://127.0.0.1:$P#" config/courtside.yaml > "$FW/config/courtside.yaml"
export COURTSIDE_CONFIG_DIR="$FW/config"
cs fetch stats boxscore-v2 --game 0022200552,0022400561 --archive "$FW/archive"
echo "(again with --missing: the store holds both games, nothing is fetched)"
cs fetch stats boxscore-v2 --game 0022200552,0022400561 --missing --archive "$FW/archive" | head -1
echo "(an Odds API historical snapshot, archived with the key out of every URL; ingested into raw.odds_events)"
ODDS_API_KEY=demo-key cs fetch odds historical-events --date 2024-01-24 --snapshot 2024-01-25T03:55:40Z --archive "$FW/archive"
cs sql "SELECT source, endpoint, target, status, bytes, attempt, outcome, left(url, 90) AS url FROM ops.fetch_log ORDER BY fetched_at, seq"
unset COURTSIDE_CONFIG_DIR

step "rerun orchestrate: every partition is unchanged, nothing is rewritten"
cs -q orchestrate --from 2021-10-19 --to 2021-11-30 --report-dir reports | grep -E "^\[|GO"
step "serve: the dashboard and JSON API on 127.0.0.1 for a few seconds (a read-only snapshot of the store), with screenshots"
SW=$(mktemp -d)
cs serve --port 0 --for 60 > "$SW/serve.log" 2>&1 &
SPID=$!
trap 'kill $RPID $SPID 2>/dev/null || true; rm -rf "$FW" "$SW"' EXIT
for _ in $(seq 100); do grep -q "courtside serve: http" "$SW/serve.log" && break; sleep 0.1; done
URL=$(grep -o "http://127.0.0.1:[0-9]*" "$SW/serve.log" | head -1)
echo "serving $URL"
curl -s "$URL/api/status" | jq -c '{snapshot: .snapshot.id, processors: (.ledger | length), partitions: ([.ledger[].complete] | add), last_daily_run}'
curl -s "$URL/api/grades?market=points" | jq -c '.groups[] | {market, system, lines, bets: .recommendations.by_edge.bets, hit_rate: .recommendations.by_edge.hit_rate, ci95: .recommendations.by_edge.ci95}' || true
curl -s "$URL/api/picks?date=nope" | jq -c . || true
if command -v chromium > /dev/null; then
  for page in picks:/ performance:/performance health:/health models:/models; do
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync \
      --no-first-run --user-data-dir="$SW/profile" '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1' --window-size=1400,1800 \
      --screenshot="reports/dashboard_${page%%:*}.png" "$URL${page#*:}" > /dev/null 2>&1 && echo "screenshot: reports/dashboard_${page%%:*}.png"
  done
fi
kill "$SPID" 2>/dev/null || true
wait "$SPID" 2>/dev/null || true
echo "open it yourself: $BIN --db $DB serve --port 8080   then http://127.0.0.1:8080/"

echo
echo "store: $DB   reports: reports/orchestrate_2021-10-19_2021-11-30.html, reports/evaluation.html, reports/grade_points_2025-26.html"
echo "try:   $BIN --db $DB sql \"SELECT * FROM player_game_status LIMIT 5\""
