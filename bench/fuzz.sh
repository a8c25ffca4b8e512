#!/usr/bin/env bash
# Fuzzing: every parser's libFuzzer target (tests/fuzz) under ASan + UBSan, seeded with real files
# (the committed corpus plus, with ../shared/data, a spread of the full data), for a total of at
# least TOTAL executions (default 10^7, split evenly). Prints the executions, speed and corpus
# growth of each target; any crash, hang (>10 s), leak or sanitizer report fails the run and
# leaves the input in the work directory.
# Usage: bench/fuzz.sh [build-dir] [total-executions]   (the libFuzzer build goes to <build-dir>/fuzz-build)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
BUILD=${1:-build}
TOTAL=${2:-10000000}
FB="$BUILD/fuzz-build"
WORK=${FUZZ_WORK:-$(mktemp -d)}
bash tests/fuzz/smoke.sh build "$PWD" "$FB"
TARGETS=$(sed -n '/^set(COURTSIDE_FUZZ_TARGETS/,/)/p' tests/fuzz/CMakeLists.txt | sed 's/^set(COURTSIDE_FUZZ_TARGETS//' | tr -d '()' | xargs)
n=$(echo "$TARGETS" | wc -w)
per=$(( (TOTAL + n - 1) / n ))
data=""; [ -d "$DATA_ROOT/nba-stats" ] && data=$DATA_ROOT
bash tests/fuzz/make_corpus.sh "$WORK/seeds" $data > /dev/null
echo "courtside bench: fuzzing $n targets x $per executions under ASan+UBSan (seeds: committed corpus${data:+ + $data}); work dir $WORK"
total=0 t0=$(date +%s)
for t in $TARGETS; do
  mkdir -p "$WORK/corpus/$t"
  seeds=("$WORK/seeds/$t" tests/fuzz/corpus/$t); [ -d tests/fuzz/regressions/$t ] && seeds+=(tests/fuzz/regressions/$t)
  s0=$(date +%s.%N)
  if ! "$FB/tests/fuzz/fuzz_$t" -runs="$per" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
       -artifact_prefix="$WORK/" "$WORK/corpus/$t" "${seeds[@]}" > "$WORK/$t.log" 2>&1; then
    tail -40 "$WORK/$t.log"; echo "FAILED: $t (inputs in $WORK)"; exit 1
  fi
  s1=$(date +%s.%N)
  runs=$(grep -oE "stat::number_of_executed_units: [0-9]+" "$WORK/$t.log" | grep -oE "[0-9]+$")
  cov=$(grep -oE "cov: [0-9]+" "$WORK/$t.log" | tail -1 | grep -oE "[0-9]+")
  total=$((total + runs))
  printf "%-18s %10d executions  %7.0f/s  coverage %5s  corpus %4d inputs\n" "$t" "$runs" \
    "$(awk "BEGIN{print $runs / ($s1 - $s0)}")" "$cov" "$(ls "$WORK/corpus/$t" | wc -l)"
done
echo "result: $total executions in $(( $(date +%s) - t0 )) s over $n targets, no crash, hang, leak or sanitizer report"
[ "$total" -ge "$TOTAL" ]
