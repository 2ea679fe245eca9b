#!/usr/bin/env bash
# The appeals benchmark: generates (or reuses) a database of realistic appeals, serves it,
# and prints, measured in this one run, submission throughput against raw SQLite inserts,
# detail and list pages against nginx serving files of the same size, KPI dashboard and
# search latency, and the server's peak memory. See bench/README.md.
#
#   bench/run.sh [--count N]        N appeals, 1000000 by default (10000000 for the 10M figures)
#
# Environment: BENCH_SECONDS (each wrk run, default 10), BENCH_LATENCY_CONNECTIONS
# (default 4), BUILD (build directory, default build/), BENCH_LOCK (a file to hold an
# flock on while measuring, e.g. a shared build lock, so no build competes for the CPUs).
set -euo pipefail

COUNT=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT="$2"; shift 2 ;;
    --count=*) COUNT="${1#--count=}"; shift ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$COUNT" in '' | *[!0-9]*) echo "run.sh: --count must be a number" >&2; exit 2 ;; esac

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
DATA="$BENCH/.data"
BUILD="${BUILD:-$ROOT/build}"
SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
LATENCY_CONNECTIONS="${BENCH_LATENCY_CONNECTIONS:-4}"
SILIAN="$BUILD/src/silian"
mkdir -p "$DATA"
# Every program of the run shares one vault key, so the server can open the contact
# details the generator sealed.
export SILIAN_SECRET_FILE="$DATA/secret.key"

log() { printf '== %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------
missing=()
command -v wrk > /dev/null || missing+=(wrk)
command -v nginx > /dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v sqlite3 > /dev/null || missing+=(sqlite3)
command -v curl > /dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then echo "run.sh: run as root to install ${missing[*]}" >&2; exit 1; fi
  apt-get update -qq
  # Keep Debian's own nginx service from starting: the benchmark runs its own.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
  rm -f /usr/sbin/policy-rc.d
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

# --- build -------------------------------------------------------------------------------
TARGETS=(silian silian-bench-generate silian-bench-raw-insert)
log "building ${TARGETS[*]}"
if [ -x /tmp/b ]; then
  # The shared build wrapper of the development machine (serialises builds on a lock).
  /tmp/b "${TARGETS[@]}" > "$DATA/build.log" 2>&1 || { tail -40 "$DATA/build.log" >&2; exit 1; }
else
  [ -f "$BUILD/build.ninja" ] || [ -f "$BUILD/Makefile" ] ||
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release > "$DATA/build.log"
  cmake --build "$BUILD" --target "${TARGETS[@]}" >> "$DATA/build.log" 2>&1 ||
    { tail -40 "$DATA/build.log" >&2; exit 1; }
fi

# --- data --------------------------------------------------------------------------------
# Cached per count and month: the KPI dashboard shows the current month, which must hold
# its share of the year's appeals.
CACHED="$DATA/appeals-$COUNT-$(date +%Y-%m).db"
GENERATION="(cached)"
if [ ! -f "$CACHED" ]; then
  log "generating $COUNT appeals into $CACHED"
  rm -f "$CACHED.partial"*
  started=$(date +%s)
  "$BUILD/bench/silian-bench-generate" --db "sqlite:$CACHED.partial" --count "$COUNT" \
    > "$DATA/generate-$COUNT.log"
  GENERATION="$(( $(date +%s) - started )) s"
  cat "$DATA/generate-$COUNT.log" >&2
  mv "$CACHED.partial" "$CACHED"
fi
# Bring a cached database up to the product's current schema once, not at every start.
"$SILIAN" migrate --db "sqlite:$CACHED" > /dev/null
WORK="$DATA/work.db"
log "copying the database for this run"
rm -f "$WORK" "$WORK-wal" "$WORK-shm"
cp "$CACHED" "$WORK"
# Write the copy out now, or the kernel flushes it during the measurements.
sync "$WORK"
DB="sqlite:$WORK"
DB_BYTES=$(stat -c %s "$WORK")

KEY=$("$SILIAN" apikey create --db "$DB" --name "benchmark client" 2> /dev/null)
# Two appeals for the detail page: the newest open one with a contact, as a dispatcher
# opens them all day (the page also looks for near-duplicates among recent open appeals
# of the same place), and the newest closed one.
OPEN_ID=$(sqlite3 "$WORK" "SELECT id FROM appeals WHERE status IN ('dispatched', 'in_progress') AND contact_phone_sealed <> '' ORDER BY id DESC LIMIT 1")
CLOSED_ID=$(sqlite3 "$WORK" "SELECT id FROM appeals WHERE status = 'closed' ORDER BY id DESC LIMIT 1")

# --- processes ---------------------------------------------------------------------------
if [ -n "${BENCH_LOCK:-}" ]; then
  log "waiting for $BENCH_LOCK"
  exec 9> "$BENCH_LOCK"
  flock 9
fi
free_port() {
  local p=$1
  while (exec 3<> "/dev/tcp/127.0.0.1/$p") 2> /dev/null; do p=$((p + 1)); done
  echo "$p"
}
SERVER_PID="" NGINX_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2> /dev/null && wait "$SERVER_PID" 2> /dev/null
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2> /dev/null && wait "$NGINX_PID" 2> /dev/null
  true
}
trap cleanup EXIT

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
PORT=$(free_port 18080)
BASE="http://127.0.0.1:$PORT"
log "serving $WORK on $BASE"
"$SILIAN" serve --db "$DB" --listen "127.0.0.1:$PORT" 2> "$DATA/server.log" &
SERVER_PID=$!
for _ in $(seq 600); do curl -sf "$BASE/healthz" > /dev/null && break; sleep 0.1; done
curl -sf "$BASE/healthz" > /dev/null || { tail "$DATA/server.log" >&2; exit 1; }

# Sign in as the district administrator (CSRF: the form's token matches its cookie).
JAR="$DATA/cookies.txt"
rm -f "$JAR"
CSRF=$(curl -s -c "$JAR" -b "$JAR" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$CSRF" \
  --data-urlencode "username=district_admin" --data-urlencode "password=Silian-demo-2026" "$BASE/login"
SID=$(awk '$6 == "sid" { print $7 }' "$JAR")
CSRF=$(awk '$6 == "csrf" { print $7 }' "$JAR")
[ -n "$SID" ] || { echo "run.sh: sign-in failed" >&2; exit 1; }
COOKIE="sid=$SID; csrf=$CSRF"

# --- measurements ------------------------------------------------------------------------
export SILIAN_BENCH_DIR="$BENCH" SILIAN_BENCH_KEY="$KEY" SILIAN_BENCH_DESCRIPTIONS="$BENCH/descriptions.txt"
# wrk CONNECTIONS URL [script] -> "rps p50_ms p99_ms failed"
measure() {
  local connections=$1 url=$2 script=${3:-$BENCH/report.lua} threads=2 out
  [ "$connections" -lt 2 ] && threads=1
  out=$(wrk -t"$threads" -c"$connections" -d"${SECONDS_PER_RUN}s" --timeout 10s -s "$script" \
    -H "Cookie: $COOKIE" "$url")
  echo "$out" >> "$DATA/wrk.log"
  echo "$out" | awk '/^BENCH/ {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    print v["rps"], v["p50_ms"], v["p99_ms"], v["failed"] }'
}
# The page must answer 200 to the signed-in administrator, or the figures mean nothing.
page_body() {
  local path=$1 file=$2 status
  status=$(curl -s -o "$file" -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$path")
  [ "$status" = 200 ] || { echo "run.sh: $path answered $status" >&2; exit 1; }
  stat -c %s "$file"
}
: > "$DATA/wrk.log"

log "static baseline: nginx on files of the same size as each page"
WWW="$DATA/www"
rm -rf "$WWW"
mkdir -p "$WWW" "$DATA/nginx-tmp"
declare -A PAGE_PATH=([detail_open]="/appeals/$OPEN_ID" [detail_closed]="/appeals/$CLOSED_ID" [list]="/appeals")
declare -A PAGE_BYTES
for page in detail_open detail_closed list; do
  # The page's own body as the static file: exactly its size, and its content.
  PAGE_BYTES[$page]=$(page_body "${PAGE_PATH[$page]}" "$WWW/$page.html")
done
NGINX_PORT=$(free_port $((PORT + 1)))
sed "s|@DATA@|$DATA|g; s|@PORT@|$NGINX_PORT|g" "$BENCH/nginx.conf.in" > "$DATA/nginx.conf"
: > "$DATA/nginx-access.log"
"$NGINX" -c "$DATA/nginx.conf" -p "$DATA" 2> "$DATA/nginx-start.log" &
NGINX_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$NGINX_PORT/list.html" > /dev/null && break; sleep 0.1; done

declare -A RPS STATIC RENDERED
for page in detail_open detail_closed list; do
  log "page $page (${PAGE_PATH[$page]}, ${PAGE_BYTES[$page]} bytes): silian, rendered every time, then nginx"
  read -r RPS[$page] _ _ _ < <(measure 64 "$BASE${PAGE_PATH[$page]}")
  # The same page under a new URL each time: never from the page cache (ADR 0012).
  read -r RENDERED[$page] _ _ _ < <(measure 64 "$BASE${PAGE_PATH[$page]}" "$BENCH/uncached.lua")
  read -r STATIC[$page] _ _ _ < <(measure 64 "http://127.0.0.1:$NGINX_PORT/$page.html")
done
kill "$NGINX_PID" && wait "$NGINX_PID" 2> /dev/null || true
NGINX_PID=""

# Every committed write starts the page cache afresh (ADR 0012): the open detail page
# again while appeals keep arriving, one about every 0.1 s, as at a busy hour ten times over.
log "page detail_open while appeals arrive (about 10 a second)"
count_open311() {
  sqlite3 "$WORK" "SELECT COUNT(*) FROM appeals WHERE channel = 'open311' AND api_key_id = (SELECT MAX(id) FROM api_keys)"
}
ARRIVED_BEFORE=$(count_open311)
(
  while :; do
    curl -s -o /dev/null --data-urlencode "api_key=$KEY" --data-urlencode "service_code=noise" \
      --data-urlencode "attribute[community]=guangyi-jiayuan" \
      --data-urlencode "description=楼下饭店油烟很大，晚上还有噪音" "$BASE/open311/v2/requests.json"
    sleep 0.1
  done
) &
WRITER_PID=$!
read -r BUSY_RPS _ _ _ < <(measure 64 "$BASE${PAGE_PATH[detail_open]}")
kill "$WRITER_PID" && wait "$WRITER_PID" 2> /dev/null || true
ARRIVED=$(( $(count_open311) - ARRIVED_BEFORE ))
ARRIVAL_RATE=$(awk -v n="$ARRIVED" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%.1f", n / s }')

log "latency: KPI dashboard and two-character search, $LATENCY_CONNECTIONS connections"
QUERY="%E5%99%AA%E9%9F%B3"  # 噪音 (noise)
page_body "/kpi/appeals" "$DATA/kpi.html" > /dev/null
page_body "/appeals?q=$QUERY" "$DATA/search.html" > /dev/null
read -r _ KPI_P50 KPI_P99 _ < <(measure "$LATENCY_CONNECTIONS" "$BASE/kpi/appeals")
# A search is a shared page: each request is made new so that every one really searches.
read -r _ SEARCH_P50 SEARCH_P99 _ < <(measure "$LATENCY_CONNECTIONS" "$BASE/appeals?q=$QUERY" "$BENCH/uncached.lua")

log "submissions: Open311 POST, 8 then 64 connections"
BEFORE=$(sqlite3 "$WORK" "SELECT COUNT(*) FROM appeals WHERE channel = 'open311' AND api_key_id = (SELECT MAX(id) FROM api_keys)")
read -r SUBMIT8 _ SUBMIT8_P99 SUBMIT8_FAILED < <(measure 8 "$BASE/open311/v2/requests.json" "$BENCH/submit.lua")
read -r SUBMIT64 _ SUBMIT64_P99 SUBMIT64_FAILED < <(measure 64 "$BASE/open311/v2/requests.json" "$BENCH/submit.lua")
STORED=$(( $(sqlite3 "$WORK" "SELECT COUNT(*) FROM appeals WHERE channel = 'open311' AND api_key_id = (SELECT MAX(id) FROM api_keys)") - BEFORE ))

PEAK_KB=$(awk '/^VmHWM/ { print $2 }' "/proc/$SERVER_PID/status")
CACHE_HITS=$(curl -s "$BASE/metrics" | awk '$1 == "silian_page_cache_hits_total" { print $2 }')
CACHE_MISSES=$(curl -s "$BASE/metrics" | awk '$1 == "silian_page_cache_misses_total" { print $2 }')
kill "$SERVER_PID" && wait "$SERVER_PID" 2> /dev/null || true
SERVER_PID=""

log "raw SQLite inserts of the same rows, same durability, same database"
raw_insert() {
  "$BUILD/bench/silian-bench-raw-insert" --db "$DB" --seconds "$SECONDS_PER_RUN" --connections "$1" \
    --descriptions "$BENCH/descriptions.txt" | sed -n 's/.*: \([0-9.]*\) inserts\/s/\1/p'
}
RAW=$(raw_insert 1)
# For reading the ratio: the same inserts from 8 connections contending for the write
# lock as the server's pool does.
RAW8=$(raw_insert 8)

# --- report ------------------------------------------------------------------------------
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
  ok = (op == ">=") ? (v + 0 >= t + 0) : (v + 0 < t + 0); print ok ? "PASS" : "MISS" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
row() { printf '%-44s %-38s %-8s %s\n' "$1" "$2" "$3" "$4"; }

S8=$(ratio "$SUBMIT8" "$RAW")
S64=$(ratio "$SUBMIT64" "$RAW")
AT=$([ "$COUNT" -ge 10000000 ] && echo "" || echo " (target is at 10M)")
echo
echo "Silian appeals benchmark: $COUNT appeals, SQLite $(sqlite3 --version | cut -d' ' -f1), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "database $((DB_BYTES / 1048576)) MiB, generation $GENERATION, wrk ${SECONDS_PER_RUN}s per figure, load average before: $LOAD"
echo
row "figure" "measured" "target" "result"
row "HTTP submissions, 8 connections" "$SUBMIT8/s = ${S8}x raw ($RAW/s)" ">= 0.50x" "$(verdict "$S8" ">=" 0.5)"
row "HTTP submissions, 64 connections" "$SUBMIT64/s = ${S64}x raw ($RAW/s)" ">= 0.50x" "$(verdict "$S64" ">=" 0.5)"
for page in detail_open detail_closed list; do
  r=$(ratio "${RPS[$page]}" "${STATIC[$page]}")
  row "page $page, 64 connections (${PAGE_BYTES[$page]} B)" "${RPS[$page]}/s = ${r}x nginx (${STATIC[$page]}/s)" ">= 0.25x" "$(verdict "$r" ">=" 0.25)"
done
r=$(ratio "$BUSY_RPS" "${STATIC[detail_open]}")
row "  detail_open, $ARRIVAL_RATE appeals/s arriving" "$BUSY_RPS/s = ${r}x nginx" "-" "-"
for page in detail_open detail_closed list; do
  r=$(ratio "${RENDERED[$page]}" "${STATIC[$page]}")
  row "  $page, rendered each time (no cache)" "${RENDERED[$page]}/s = ${r}x nginx" "-" "-"
done
row "KPI dashboard p50, $LATENCY_CONNECTIONS connections" "$KPI_P50 ms" "< 50 ms$AT" "$(verdict "$KPI_P50" "<" 50)"
row "KPI dashboard p99" "$KPI_P99 ms" "< 50 ms$AT" "$(verdict "$KPI_P99" "<" 50)"
row "search (2 characters) p50, $LATENCY_CONNECTIONS connections" "$SEARCH_P50 ms" "< 100 ms$AT" "$(verdict "$SEARCH_P50" "<" 100)"
row "search (2 characters) p99" "$SEARCH_P99 ms" "< 100 ms$AT" "$(verdict "$SEARCH_P99" "<" 100)"
row "server peak memory (VmHWM)" "$((PEAK_KB * 1024 / 1000000)) MB ($((PEAK_KB / 1024)) MiB)" "< 300 MB" "$(verdict "$((PEAK_KB * 1024))" "<" 300000000)"
echo
echo "raw inserts from 8 contending connections: $RAW8/s (the baseline above is 1 connection)"
echo "submissions stored: $STORED; failed requests: $SUBMIT8_FAILED (8 conn), $SUBMIT64_FAILED (64 conn);" \
  "submission p99: $SUBMIT8_P99 ms (8), $SUBMIT64_P99 ms (64)"
echo "page cache: $CACHE_HITS hits, $CACHE_MISSES misses (pages of the same key within a second and" \
  "with no write in between are shared; 'rendered every time' asks for a new URL each time)"
echo "detail_open = /appeals/$OPEN_ID (open), detail_closed = /appeals/$CLOSED_ID, list = /appeals," \
  "search = /appeals?q=噪音, as district_admin"
echo "raw wrk output: $DATA/wrk.log; server log: $DATA/server.log"
