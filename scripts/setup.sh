#!/usr/bin/env bash
# Installs what courtside needs on a fresh Debian 12 machine. Idempotent: only missing pieces
# are installed. DuckDB is not packaged by Debian, so its shared library and header come from
# the npm registry (`npm pack`, never `npm install`) into third_party/duckdb (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."

DUCKDB_BINDINGS_VERSION="1.4.4-r.4"
DUCKDB_HEADER_VERSION="1.4.4"

APT_PACKAGES=(
  build-essential cmake pkg-config
  libyaml-cpp-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev libtbb-dev
  libhowardhinnant-date-dev libxgboost-dev xgboost libgtest-dev libgmock-dev libbenchmark-dev
  librapidcheck-dev zlib1g-dev libcsv-dev libxxhash-dev tzdata time jq
  libpoppler-cpp-dev
  libgoogle-perftools-dev  # tcmalloc: the programs' malloc (CMakeLists.txt)
  libcurl4-openssl-dev libcpp-httplib-dev
  clang libclang-rt-14-dev  # libFuzzer + ASan/UBSan for the parsers' fuzz targets (tests/fuzz, bench/fuzz.sh)
  libpqxx-dev postgresql-15
  chromium  # serve's browser tests (tests/serve_browser_test.cpp) and the demo's dashboard screenshots
  wrk curl  # bench/serve.sh: HTTP load with concurrent connections; the demo asks the API with curl
)
# npm is only needed to fetch DuckDB; use the machine's own if it has one.
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

DUCK=third_party/duckdb
if [ ! -f "$DUCK/lib/libduckdb.so" ] || [ ! -f "$DUCK/include/duckdb.h" ]; then
  echo "setup: fetching DuckDB ${DUCKDB_HEADER_VERSION} (npm pack)"
  tmp=$(mktemp -d)
  ( cd "$tmp" && npm pack --silent "@duckdb/node-bindings-linux-x64@${DUCKDB_BINDINGS_VERSION}" "duckdb@${DUCKDB_HEADER_VERSION}" >/dev/null )
  mkdir -p "$DUCK/lib" "$DUCK/include"
  tar xzf "$tmp"/duckdb-node-bindings-linux-x64-*.tgz -C "$tmp" package/libduckdb.so
  cp "$tmp/package/libduckdb.so" "$DUCK/lib/"
  tar xzf "$tmp"/duckdb-"${DUCKDB_HEADER_VERSION}".tgz -C "$tmp" package/src/duckdb/src/include/duckdb.h
  cp "$tmp/package/src/duckdb/src/include/duckdb.h" "$DUCK/include/"
  rm -rf "$tmp"
fi
echo "setup: ok"
