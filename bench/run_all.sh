#!/usr/bin/env bash
# Runs every benchmark against a Release build. Usage: bench/run_all.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
for b in bench/ingest_phase3.sh bench/phase4.sh bench/orchestrate.sh bench/crash_safety.sh bench/models.sh bench/early_season.sh bench/fetch.sh bench/export.sh bench/daily.sh bench/serve.sh; do bash "$b" "${1:-build}"; echo; done
