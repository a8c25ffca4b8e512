#!/usr/bin/env bash
# The main job on the bundled real sample: ingest, Phase 3 analytics, and a look at the store.
# Usage: scripts/demo.sh [path/to/courtside] [store.duckdb]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/courtside}
DB=${2:-demo.duckdb}
rm -f "$DB" "$DB.wal"
cs() { "$BIN" --db "$DB" "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "ingest the bundled sample (box scores, play-by-play, team log of 2021-22)"
cs ingest data/sample

step "Phase 3 analytics over the sample's six weeks"
cs run phase3 --from 2021-10-19 --to 2021-11-30

step "status"
cs status

step "top scorers of opening night, with usage and true shooting"
cs sql "SELECT game_date, player_name, team, opponent, minutes, points, round(usage_rate, 3) AS usage_rate,
               round(ts_pct, 3) AS ts_pct, paint_fga, mid_fga, three_fga, quality_tier
        FROM player_game_summary WHERE game_date = '2021-10-19' ORDER BY points DESC LIMIT 5"

step "team pace and ratings, opening night"
cs sql "SELECT game_id, team, opponent, points, round(possessions, 1) AS poss, round(pace, 1) AS pace,
               round(offensive_rating, 1) AS ortg, overtime_periods, win
        FROM team_offense_game_summary WHERE game_date = '2021-10-19' ORDER BY game_id, team"

step "rerun: every partition is unchanged, nothing is rewritten"
cs run phase3 --from 2021-10-19 --to 2021-11-30 --quiet
echo
echo "store: $DB   (try: $BIN --db $DB sql \"SELECT * FROM player_game_status LIMIT 5\")"
