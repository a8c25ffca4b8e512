# Shared helpers for the bench scripts: timing with peak RSS, and the data location.
DATA_ROOT=${COURTSIDE_DATA:-../shared/data}
require_data() { [ -d "$DATA_ROOT/nba-stats" ] || { echo "bench: $DATA_ROOT/nba-stats not found (needs the full shared data)"; exit 1; }; }
# measure LABEL CMD...: runs CMD, prints wall seconds and peak RSS; leaves the wall time in $WALL.
measure() {
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o /tmp/courtside_bench_rss "$@" > /tmp/courtside_bench_out 2>&1 || { cat /tmp/courtside_bench_out; return 1; }
  t1=$(date +%s.%N)
  WALL=$(awk "BEGIN{print $t1 - $t0}")
  printf "%-34s wall %7.2f s   peak RSS %6d MB\n" "$label" "$WALL" "$(( $(cat /tmp/courtside_bench_rss) / 1024 ))"
}
