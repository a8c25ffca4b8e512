#!/usr/bin/env bash
# Times a full ingest + Phase 3 of ../shared/data/nba-stats into a fresh store (Release build),
# then an unchanged rerun. Prints wall time, rows/s and peak RSS of each step.
# Usage: bench/ingest_phase3.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
source bench/lib.sh
BIN=$BUILD/courtside
require_data
DATA=$DATA_ROOT/nba-stats
DB=$(mktemp -d)/bench.duckdb
trap 'rm -rf "$(dirname "$DB")"' EXIT

echo "courtside bench: ingest + Phase 3 of $DATA ($(nproc) cores)"
measure "ingest (fresh store)" "$BIN" --db "$DB" -q ingest "$DATA"
ingest_wall=$WALL
measure "phase3 (all dates)" "$BIN" --db "$DB" -q run phase3
phase3_wall=$WALL
rows=$("$BIN" --db "$DB" sql --format csv "SELECT (SELECT count(*) FROM raw.boxscore_player) + (SELECT count(*) FROM raw.playbyplay) + (SELECT count(*) FROM raw.team_game_log)" | tail -1)
out=$("$BIN" --db "$DB" sql --format csv "SELECT (SELECT count(*) FROM player_game_summary) + (SELECT count(*) FROM player_game_status) + (SELECT count(*) FROM team_offense_game_summary) + (SELECT count(*) FROM team_defense_game_summary)" | tail -1)
total=$(awk "BEGIN{print $ingest_wall + $phase3_wall}")
printf "%-34s wall %7.2f s   (target <= 15 s)\n" "ingest + phase3 total" "$total"
printf "raw rows %d -> %.0f rows/s ingest; analytics rows %d -> %.0f rows/s phase3\n" "$rows" "$(awk "BEGIN{print $rows / $ingest_wall}")" "$out" "$(awk "BEGIN{print $out / $phase3_wall}")"
# Issue #14's ingest rate, over the bytes read from disk and over the CSV text they hold once the
# play-by-play files (.csv.gz) are decompressed: the parser reads the latter.
disk=$(find "$DATA" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
plain=$(find "$DATA" -type f ! -name '*.gz' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
unzipped=$(find "$DATA" -type f -name '*.gz' -print0 | xargs -0 -r zcat | wc -c)
printf "ingest input %.0f MB on disk, %.0f MB of CSV text -> %.1f MB/s on disk, %.1f MB/s of text (target >= 60)\n" \
  "$(awk "BEGIN{print $disk / 1e6}")" "$(awk "BEGIN{print ($plain + $unzipped) / 1e6}")" \
  "$(awk "BEGIN{print $disk / 1e6 / $ingest_wall}")" "$(awk "BEGIN{print ($plain + $unzipped) / 1e6 / $ingest_wall}")"
measure "rerun ingest (unchanged)" "$BIN" --db "$DB" -q ingest "$DATA"
measure "rerun phase3 (unchanged)" "$BIN" --db "$DB" -q run phase3
