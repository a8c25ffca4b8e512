#!/usr/bin/env bash
# make_corpus.sh OUT [DATA_ROOT]: seed corpora of the fuzz targets, OUT/<target>/, from real files:
# the bundled sample, the test fixtures and the shipped configs, and with DATA_ROOT
# (../shared/data) a spread of the full data (every season, every endpoint). A seed is the head of
# a real file (its header and first rows; JSON result sets cut to their first rows), so each
# stays a few KB and the fuzzers run fast. tests/fuzz/corpus/ is this script's output without
# DATA_ROOT, committed; bench/fuzz.sh adds the full data's seeds.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=$1
DATA=${2:-}
S=data/sample
F=tests/fixtures
for t in boxscore team_log player_log playbyplay result_sets odds_props game_lines player_directory settings_yaml \
         validation_yaml file_reader json_payloads injury_report; do mkdir -p "$OUT/$t"; done

head_of() { head -n "$2" "$1" > "$3"; }                 # FILE LINES OUT
gz_head() { gzip -dc "$1" | head -n "$2" > "$3" || true; }  # (head closes the pipe early)
trim_json() { jq -c 'walk(if type == "object" and has("rowSet") and (.rowSet | type) == "array" then .rowSet |= .[:6] else . end)' "$1" > "$2"; }

# boxscore: the three header variants, whole (a box score is ~4 KB), and the JSON result set.
cp $F/box_2014-15_0021400050_min_60s.csv $F/box_2019-20_0021900388_index_column.csv "$OUT/boxscore/"
cp $S/nba-stats/boxscoretraditionalv2/2021-22/0022100001.csv "$OUT/boxscore/box_2021-22_0022100001.csv"
cp $S/api-payloads/boxscoretraditionalv2_0022200552.json "$OUT/boxscore/"
# team_log, player_log, playbyplay, game_lines, odds_props: file heads.
cp $F/teamlog_2016-17_placeholder_row.csv "$OUT/team_log/"
head_of $S/nba-stats/leaguegamelog-team/2021-22.csv 20 "$OUT/team_log/teamlog_2021-22_head.csv"
head_of $S/props/combined_2025_26.csv 15 "$OUT/player_log/playerlog_2025_26_head.csv"
gz_head $S/nba-stats/playbyplayv2/2021-22/0022100001.csv.gz 60 "$OUT/playbyplay/pbp_0022100001_head.csv"
gz_head $F/pbp_2019-20_0021900031_duplicate_event.csv.gz 80 "$OUT/playbyplay/pbp_0021900031_head.csv"
for m in moneyline spread total; do head_of $S/game-lines/nba_historical_$m.csv 15 "$OUT/game_lines/lines_${m}_head.csv"; done
cp $F/props_2025-03-20_player_threes_head.csv "$OUT/odds_props/"
head_of $S/props/raw_20251021_170000.csv 15 "$OUT/odds_props/raw_20251021_170000_head.csv"
head_of $S/props/props_2024-10-22_player_threes.csv 15 "$OUT/odds_props/props_2024-10-22_head.csv"
# result_sets and player_directory: real responses cut to their first rows (JSON), and as CSV.
trim_json $S/api-payloads/boxscoretraditionalv2_0022200552.json "$OUT/result_sets/boxscoretraditionalv2.json"
trim_json $S/props/leaguegamelog_2025-26_7b12b87999.json "$OUT/result_sets/leaguegamelog_2025-26.json"
trim_json $S/props/commonallplayers_813a32d2fe.json "$OUT/player_directory/commonallplayers.json"
cp "$OUT/player_directory/commonallplayers.json" "$OUT/result_sets/"
jq -r '.resultSets[0] | (.headers | @csv), (.rowSet[] | @csv)' "$OUT/player_directory/commonallplayers.json" \
  > "$OUT/player_directory/commonallplayers.csv"
# The configs, and the smallest valid ones.
cp config/courtside.yaml "$OUT/settings_yaml/"
printf 'models:\n  early_season: false\n' > "$OUT/settings_yaml/models_only.yaml"
printf 'pipeline:\n  partition_timeout_seconds: {phase3: 1.5}\n' > "$OUT/settings_yaml/timeout_only.yaml"
cp config/validation.yaml "$OUT/validation_yaml/"
printf 'tables:\n  player_game_summary:\n    coverage:\n      critical: {minutes: 1.0}\n' > "$OUT/validation_yaml/coverage_only.yaml"
# file_reader: gzip files as stored, and plain ones.
cp $S/nba-stats/playbyplayv2/2021-22/0022100001.csv.gz $F/pbp_2019-20_0021900031_duplicate_event.csv.gz "$OUT/file_reader/"
gzip -nc "$OUT/team_log/teamlog_2021-22_head.csv" > "$OUT/file_reader/teamlog_head.csv.gz"
gzip -nc "$OUT/result_sets/boxscoretraditionalv2.json" > "$OUT/file_reader/boxscore.json.gz"
cp "$OUT/odds_props/props_2024-10-22_head.csv" "$OUT/file_reader/props_2024-10-22_head.csv"
# json_payloads: every JSON document source, lists cut to their first entries.
A=$S/api-payloads
cut_lists() { jq -c 'walk(if type == "array" and length > 4 then .[:4] else . end)' > "$1"; }  # < JSON > OUT
cut_lists "$OUT/json_payloads/boxscoretraditionalv3.json" < $A/boxscoretraditionalv3_0022200552.json
gzip -dc $A/playbyplayv3_0022200552.json.gz | cut_lists "$OUT/json_payloads/playbyplayv3.json"
gzip -dc $A/scoreboardv3_2025-11-05.json.gz | cut_lists "$OUT/json_payloads/scoreboardv3.json"
cut_lists "$OUT/json_payloads/cdn_boxscore.json" < $A/nba-cdn/boxscore_0022400561.json
gzip -dc $A/nba-cdn/cdn_playbyplay_0022400561.json.gz | cut_lists "$OUT/json_payloads/cdn_playbyplay.json"
gzip -dc $A/nba-cdn/cdn_schedule_2025-26.json.gz | cut_lists "$OUT/json_payloads/cdn_schedule.json"
for f in $A/odds-api/*.json; do cut_lists "$OUT/json_payloads/odds_$(basename "$f")" < "$f"; done
trim_json $A/scoreboardv2_2026-02-22.json "$OUT/result_sets/scoreboardv2.json"
# injury_report: the words poppler reads from a real report ("x<TAB>y<TAB>word", a form feed
# between pages), its first page and the start of the second.
injury_words() {  # PDF OUT: pages in order, each page's words by line (y) then left to right (x), as pdf_words gives them
  pdftotext -bbox "$1" - | sed -n -e 's/^ *<word xMin="\([0-9.]*\)" yMin="\([0-9.]*\)"[^>]*>\(.*\)<\/word>/\1\t\2\t\3/p' \
    -e 's/^ *<page .*/PAGE/p' | sed -e 's/&amp;/\&/g' -e "s/&apos;/'/g" -e 's/&quot;/"/g' |
    awk -F'\t' '$0 == "PAGE" { p++; next } { printf "%d\t%s\n", p, $0 }' | sort -t$'\t' -k1,1n -k3,3n -k2,2n -s |
    awk -F'\t' 'NR > 1 && $1 != last { print "\f" } { last = $1; print $2 "\t" $3 "\t" $4 }' > "$2"
}
injury_words $A/injury-report/injury_report_2024-01-04_1230PM.pdf "$OUT/injury_report/report_2024-01-04_1230PM.tsv"
awk '/^\f$/ { n++ } n == 0 || (n == 1 && ++k < 60)' "$OUT/injury_report/report_2024-01-04_1230PM.tsv" \
  > "$OUT/injury_report/report_2024-01-04_1230PM_head.tsv"

if [ -n "$DATA" ]; then
  first() { local all=("$@"); echo "${all[0]}"; }  # the first of a glob (no pipe into head: pipefail)
  # Every season's first box score, team-log head and play-by-play head; every props file kind;
  # and each recorded stats.nba.com endpoint (first response), cut to its first rows.
  for d in "$DATA"/nba-stats/boxscoretraditionalv2/*/; do
    f=$(first "$d"*.csv); cp "$f" "$OUT/boxscore/full_$(basename "$d")_$(basename "$f")"
  done
  for f in "$DATA"/nba-stats/leaguegamelog-team/*.csv; do head_of "$f" 20 "$OUT/team_log/full_$(basename "$f")"; done
  for d in "$DATA"/nba-stats/playbyplayv2/*/; do
    f=$(first "$d"*.csv.gz); b=$(basename "$f")
    gz_head "$f" 60 "$OUT/playbyplay/full_$(basename "$d")_${b%.gz}"
    cp "$f" "$OUT/file_reader/full_$(basename "$d")_$b"
  done
  for f in "$DATA"/nba-stats/playergamelog-props-players/*.csv; do head_of "$f" 15 "$OUT/player_log/full_$(basename "$f")"; done
  for f in "$DATA"/game-lines/*.csv; do head_of "$f" 15 "$OUT/game_lines/full_$(basename "$f")"; done
  snaps=("$DATA"/odds-api/player-props-snapshots/*.csv) threes=("$DATA"/odds-api/player-threes-2024-25/*.csv)
  for f in "${snaps[@]:0:3}" "${threes[@]:0:3}"; do head_of "$f" 15 "$OUT/odds_props/full_$(basename "$f")"; done
  for d in "$DATA"/api-payloads/stats.nba.com/*/; do
    jsons=("$d"*.json)
    [ -e "${jsons[0]}" ] || continue
    out="$OUT/result_sets/full_$(basename "$d")_$(basename "${jsons[0]}")"
    trim_json "${jsons[0]}" "$out" 2>/dev/null || rm -f "$out"
  done
fi
for t in "$OUT"/*/; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds, $(du -sk "$t" | cut -f1) KB"; done
