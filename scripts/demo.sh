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

step "rerun orchestrate: every partition is unchanged, nothing is rewritten"
cs -q orchestrate --from 2021-10-19 --to 2021-11-30 --report-dir reports | grep -E "^\[|GO"
echo
echo "store: $DB   report: reports/orchestrate_2021-10-19_2021-11-30.html"
echo "try:   $BIN --db $DB sql \"SELECT * FROM player_game_status LIMIT 5\""
