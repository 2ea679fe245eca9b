#!/usr/bin/env bash
# Runs the whole suite: C++ unit, storage, HTTP and process tests on SQLite and on a
# PostgreSQL server this script starts on a free local port, then the browser tests in
# headless Chromium. Ends with one summary line: "N passed, N failed".
set -uo pipefail
build="${1:-build}"
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "$root" && cd "$build" && pwd)"
work="$(mktemp -d /tmp/silian-tests.XXXXXX)"
chmod 755 "$work"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
pg_run="$work/pg"       # owned by the postgres user when we are root
pg_data="$pg_run/data"
pg_port="$(
  for p in $(seq 55432 55532); do
    (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; break; }
  done
)"

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_pg() { as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true; }
trap 'stop_pg; rm -rf "$work"' EXIT

mkdir -p "$pg_run"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_run"
as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 ||
  { cat "$work/initdb.log"; echo "0 passed, 1 failed"; exit 1; }
as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_run/pg.log" -w \
  -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null ||
  { cat "$pg_run/pg.log"; echo "0 passed, 1 failed"; exit 1; }
export SILIAN_TEST_PG_URL="postgresql://postgres@127.0.0.1:$pg_port/postgres"
echo "PostgreSQL for tests: $SILIAN_TEST_PG_URL"

passed=0
failed=0
mkdir -p "$work/results"
for t in silian_unit_tests silian_storage_tests silian_http_tests silian_process_tests; do
  echo "== $t"
  (cd "$work" && "$build/tests/$t" --gtest_brief=1 --gtest_output="xml:$work/results/$t.xml")
  status=$?
  xml="$work/results/$t.xml"
  if [ -f "$xml" ]; then
    n=$(sed -n 's/.*<testsuites tests="\([0-9]*\)" failures="\([0-9]*\)".*/\1 \2/p' "$xml" | head -1)
    passed=$((passed + ${n% *} - ${n#* }))
    failed=$((failed + ${n#* }))
  fi
  [ $status -ne 0 ] && [ ! -f "$xml" ] && failed=$((failed + 1))
done

echo "== browser tests (Playwright, Chromium, axe-core)"
e2e_out="$work/e2e.log"
# Screenshots go to docs/screenshots only when asked (SILIAN_UPDATE_SCREENSHOTS=1), so
# that a test run leaves the work tree clean.
shots="$work/screenshots"
[ "${SILIAN_UPDATE_SCREENSHOTS:-0}" = 1 ] && shots="$root/docs/screenshots"
SILIAN_BIN="$build/src/silian" SILIAN_SCREENSHOT_DIR="$shots" "$root/tests/e2e/run.sh" 2>&1 | tee "$e2e_out"
e2e_status=${PIPESTATUS[0]}
counts=$(sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' "$e2e_out" | tail -1)
e2e_passed=${counts% *}
e2e_failed=${counts#* }
[ -z "$counts" ] && e2e_passed=0 && e2e_failed=0
passed=$((passed + e2e_passed))
failed=$((failed + e2e_failed))
[ "$e2e_status" -ne 0 ] && [ "$e2e_failed" -eq 0 ] && failed=$((failed + 1))

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
