#!/usr/bin/env bash
# The paired yardstick of issue #14: courtside orchestrate over eight seasons against a plain
# DuckDB SQL script over the same raw files (../shared/bench/pair.sh), runs interleaved A B A B on
# one machine, so the ratio holds across machines that differ 2x in absolute speed.
# Usage: bench/pair.sh [build-dir] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
PAIR=${COURTSIDE_PAIR:-../shared/bench/pair.sh}
[ -x "$PAIR" ] || { echo "bench: $PAIR not found (needs ../shared beside the repo)"; exit 1; }
[ -f third_party/duckdb/lib/libduckdb.so ] || { echo "bench: third_party/duckdb missing: run the setup (make demo) first"; exit 1; }
echo "courtside bench: paired orchestrate vs DuckDB SQL script ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
bash "$PAIR" "${1:-build}/courtside" third_party/duckdb "${2:-3}"
