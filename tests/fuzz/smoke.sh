#!/usr/bin/env bash
# The fuzz smoke of `make test` (ctest FuzzSmoke.*):
#   smoke.sh build SRC_DIR BUILD_DIR          configure + build the libFuzzer targets with clang
#   smoke.sh run BUILD_DIR TARGET SECONDS SEED_DIR...
#                                             run one target that long from the seeds (new inputs
#                                             go to a temporary corpus, never into the seed dirs)
# Exits 77 (ctest: skipped) when clang with libFuzzer is not installed (scripts/setup.sh installs it).
set -euo pipefail
have_clang() { command -v clang++ >/dev/null 2>&1 && echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
  clang++ -x c++ -fsanitize=fuzzer,address,undefined - -o /dev/null 2>/dev/null; }
case "$1" in
  build)
    src=$2 dir=$3
    have_clang || { echo "fuzz smoke: clang++ with libFuzzer not found (scripts/setup.sh installs clang, libclang-rt-14-dev): skipped"; exit 77; }
    launcher=(); command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
    cmake -S "$src" -B "$dir" -DCOURTSIDE_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
      -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" > "$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; exit 1; }
    cmake --build "$dir" -j "$(nproc)" > "$dir.build.log" 2>&1 || { grep -E "error" -A3 "$dir.build.log" | head -60; exit 1; }
    grep -E "warning" "$dir.build.log" | head -20 || true
    ;;
  run)
    dir=$2 target=$3 seconds=$4; shift 4
    bin="$dir/tests/fuzz/fuzz_$target"
    if [ ! -x "$bin" ]; then
      have_clang || { echo "fuzz smoke: clang++ with libFuzzer not found: skipped"; exit 77; }
      echo "fuzz smoke: $bin not built (FuzzSmoke.build failed?)"; exit 1
    fi
    work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
      -artifact_prefix="$work/" "$work" "$@" > "$work/log" 2>&1 || { tail -60 "$work/log"; for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do [ -e "$a" ] && echo "input: $a" && base64 "$a" | head -20; done; exit 1; }
    runs=$(grep -oE "stat::number_of_executed_units: [0-9]+" "$work/log" | grep -oE "[0-9]+$" || echo 0)
    echo "fuzz smoke $target: $runs executions in ${seconds}s under ASan+UBSan, no crash"
    [ "$runs" -gt 0 ]
    ;;
  *) echo "usage: smoke.sh build SRC BUILD | run BUILD TARGET SECONDS SEED_DIR..."; exit 2 ;;
esac
