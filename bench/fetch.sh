#!/usr/bin/env bash
# Fetch throughput and overhead: a season's worth of box scores (1,230 games: the recorded
# boxscoretraditionalv2 of 0022200552 repeated under new GAME_IDs) served by courtside-replay on
# 127.0.0.1, fetched with rate limits off through fetch -> archive -> ingest; then plain
# `courtside ingest` of the same payloads into a fresh store. Reports requests/s and the
# overhead per payload of fetching over ingesting (target: under 2 ms). Needs only the repo.
# Usage: bench/fetch.sh [build-dir] [games]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
BUILD=${1:-build}
GAMES=${2:-1230}
BIN=$BUILD/courtside
REPLAY=$BUILD/tools/replay/courtside-replay
W=$(mktemp -d "${TMPDIR:-/tmp}/courtside_bench_fetch.XXXXXX")
cleanup() { [ -n "${RPID:-}" ] && kill "$RPID" 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT

# The payloads and the replay index mapping each request to one.
mkdir -p "$W/payloads" "$W/config"
python3 - "$W" "$GAMES" <<'PY'
import json, sys
w, n = sys.argv[1], int(sys.argv[2])
body = open("data/sample/api-payloads/boxscoretraditionalv2_0022200552.json").read()
index, ids = [], []
for i in range(n):
    gid = f"00223{i + 1:05d}"
    open(f"{w}/payloads/{gid}.json", "w").write(body.replace("0022200552", gid))
    index.append({"url": f"https://stats.nba.com/stats/boxscoretraditionalv2?EndPeriod=0&EndRange=0&GameID={gid}&RangeType=0&StartPeriod=0&StartRange=0",
                  "status": 200, "content_type": "application/json; charset=utf-8", "file": f"payloads/{gid}.json"})
    ids.append(gid)
json.dump(index, open(f"{w}/index.json", "w"))
open(f"{w}/ids", "w").write(",".join(ids))
PY
"$REPLAY" --index "$W/index.json" --port-file "$W/port" > "$W/replay.log" 2>&1 &
RPID=$!
for _ in $(seq 50); do [ -s "$W/port" ] && break; sleep 0.1; done
PORT=$(cat "$W/port")
cat > "$W/config/courtside.yaml" <<YAML
sources:
  stats_nba: {base_url: "http://127.0.0.1:$PORT/stats", requests_per_second: 0, timeout_ms: 10000}
  retry: {max_attempts: 2, backoff_ms: 10}
YAML

echo "== fetch: $GAMES box scores from courtside-replay on 127.0.0.1 (rate limits off)"
COURTSIDE_CONFIG_DIR="$W/config" measure "fetch -> archive -> ingest" "$BIN" -q --db "$W/fetch.duckdb" fetch stats boxscore-v2 \
  --game "$(cat "$W/ids")" --archive "$W/archive"
FETCH=$WALL
grep -E "^fetch|raw.boxscore" /tmp/courtside_bench_out | sed 's/^/  /'
measure "plain ingest of the same payloads" "$BIN" -q --db "$W/ingest.duckdb" ingest "$W/payloads"
INGEST=$WALL
grep -E "^ingest|raw.boxscore" /tmp/courtside_bench_out | sed 's/^/  /'
awk -v n="$GAMES" -v f="$FETCH" -v i="$INGEST" 'BEGIN {
  printf "requests/s (whole fetch run)       %8.1f\n", n / f;
  printf "per payload: fetch %.2f ms, ingest %.2f ms, overhead %.2f ms (target < 2 ms)\n", 1000 * f / n, 1000 * i / n, 1000 * (f - i) / n }'
