#!/usr/bin/env bash
# Getting data out of an eight-season store: `export` to a Parquet lake and `publish` to a local
# PostgreSQL 15 (started here in a temporary directory, unix socket only), both from scratch and
# after one more game date (2022-06-16, the last Finals game; export target < 1 s), then unchanged.
# Prints wall time, MB/s and rows/s (the commands' own summaries) and peak RSS.
# Usage: bench/export.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
BIN=$(realpath "${1:-build}/courtside")
require_data
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/initdb" ] || { echo "bench: $PGBIN/initdb not found (scripts/setup.sh installs postgresql-15)"; exit 1; }
TMP=$(mktemp -d)
AS=""
if [ "$(id -u)" -eq 0 ]; then chown nobody "$TMP"; AS="runuser -u nobody --"; fi  # PostgreSQL refuses root
cleanup() { $AS "$PGBIN/pg_ctl" -D "$TMP/pg" -m fast -w stop > /dev/null 2>&1 || true; rm -rf "$TMP"; }
trap cleanup EXIT
echo "courtside bench: export and publish, 8 seasons ($(nproc) cores)"

DB=$TMP/store.duckdb
cs() { "$BIN" --db "$DB" -q "$@"; }
cs orchestrate --ingest "$DATA_ROOT/nba-stats" "$DATA_ROOT/game-lines" --from 2014-10-01 --to 2022-06-13 \
   --report-dir "$TMP/reports" > /dev/null
echo "  store through 2022-06-13: $(du -m "$DB" | cut -f1) MB"

PORT=$((40000 + $$ % 20000))
$AS "$PGBIN/initdb" -D "$TMP/pg" -U courtside --auth=trust --no-locale -E UTF8 > /dev/null
$AS "$PGBIN/pg_ctl" -D "$TMP/pg" -l "$TMP/pg.log" -w -o "-k $TMP -c listen_addresses='' -p $PORT" start > /dev/null
psql -q -h "$TMP" -p "$PORT" -U courtside -d postgres -c "CREATE DATABASE courtside"
export COURTSIDE_PG_URL="postgresql://courtside@/courtside?host=$TMP&port=$PORT"

summary() { grep -E "^(exported|published)" /tmp/courtside_bench_out | sed 's/^/  /'; }
measure "export parquet (fresh lake)" "$BIN" --db "$DB" -q export --to "$TMP/lake"; summary
echo "  lake: $(find "$TMP/lake" -name '*.parquet' | wc -l) files, $(du -sm "$TMP/lake" | cut -f1) MB"
measure "publish (empty database)" "$BIN" --db "$DB" -q publish; summary

cs backfill --phase 3 --from 2022-06-14 --to 2022-06-16 > /dev/null
cs backfill --phase 4 --from 2022-06-14 --to 2022-06-16 > /dev/null
echo "  one more game date computed (2022-06-16)"
measure "export after one new date" "$BIN" --db "$DB" -q export --to "$TMP/lake"; summary
measure "publish after one new date" "$BIN" --db "$DB" -q publish; summary
measure "export again (unchanged)" "$BIN" --db "$DB" -q export --to "$TMP/lake"; summary
measure "publish again (unchanged)" "$BIN" --db "$DB" -q publish; summary
