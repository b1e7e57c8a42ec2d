#!/usr/bin/env bash
# The load run of docs/benchmarks.md. Generates SIZE orders on ENGINE (a throwaway PostgreSQL
# cluster for postgres), starts the release build on them and loads it with wrk on loopback,
# one endpoint after the other, each for BENCH_SECONDS: a static copy of the status page (the
# ceiling), the status page for verified sessions (also on one connection, for a request's own
# latency), the lookup POST, POST /api/v1/estimates
# and cancellations of distinct orders. Prints one table (req/s, p50, p99, ratio to the
# ceiling, failed responses, CPU per request of the portal, the database and the whole
# machine), the server's peak RSS and the goals, and keeps the report, the query plans and the
# raw numbers in target/bench/.
#
#   bench/load.sh sqlite|postgres 10k|100k|1m
#
# BENCH_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_CANCELLABLE (see
# generate.sh), PORTAL_BIN (target/release/order-portal), BENCH_KEEP=1 keeps the work dir.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

engine="${1:?usage: bench/load.sh sqlite|postgres 10k|100k|1m}"
size="${2:?size: 10k, 100k or 1m}"
seconds="${BENCH_SECONDS:-10}"
connections="${BENCH_CONNECTIONS:-32}"
threads="${BENCH_THREADS:-2}"
bin=$(realpath "${PORTAL_BIN:-target/release/order-portal}" 2>/dev/null || true)
[ -x "$bin" ] && [ -d target/site ] || { echo "needs the release build: make build" >&2; exit 1; }
export PORTAL_BIN="$bin" # generate.sh migrates with the same binary
need wrk wrk
need curl curl
need sqlite3 sqlite3

work=$(mktemp -d)
server_pid=""
stop_all() {
  if [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; then
    timeout 15 tail --pid="$server_pid" -f /dev/null || kill -9 "$server_pid" 2>/dev/null || true
  fi
  pg_stop
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "work dir kept: $work"; else rm -rf "$work"; fi
}
trap stop_all EXIT

mkdir -p target/bench
stamp="target/bench/$engine-$size-$(date +%Y%m%d-%H%M%S)"
exec > >(tee "$stamp.txt") 2>&1
echo "load run: $engine, $size orders, $connections connections, $threads wrk threads," \
  "${seconds} s per endpoint, $(nproc) CPUs, $(date -u +%FT%TZ)"

# --- data ---------------------------------------------------------------------------------
case "$engine" in
  sqlite)
    export DATABASE_URL=""
    target="$work/data"
    sql() { sqlite3 "$work/data/portal.db" "$1"; }
    plans_target="$work/data/portal.db"
    ;;
  postgres)
    pg_start
    export DATABASE_URL="$PG_URL"
    target="$PG_URL"
    sql() { psql -X -qtA "$PG_URL" -c "$1"; }
    plans_target="$PG_URL"
    ;;
  *) echo "engine must be sqlite or postgres" >&2; exit 2 ;;
esac
export APP_DATA_DIR="$work/data"
bench/generate.sh "$engine" "$size" "$target" "$work/sample"
api_token=$("$bin" token create --name bench 2>/dev/null | grep -o 'opk_[A-Za-z0-9_-]*')
bench/plans.sh "$engine" "$plans_target" >"$stamp-plans.txt"
echo "query plans: $stamp-plans.txt"

# --- the server: the release build as deployed, limits raised for the lookup --------------
cp -r target/site "$work/site"
port=$(free_port)
base="http://127.0.0.1:$port"
# The delay check is off: every generated backordered line would be "due" at the first
# check, a one-off catch-up that is not what this run measures. The outbox worker stays on.
LEPTOS_SITE_ROOT="$work/site" LEPTOS_SITE_ADDR="127.0.0.1:$port" APP_PUBLIC_URL="$base" \
  APP_DEMO_DATA=false APP_DELAY_CHECK_SECS=0 APP_TRUST_PROXY=true \
  APP_LOOKUP_LIMIT_PER_IP=1000000000 APP_LOOKUP_LIMIT_PER_ORDER=1000000000 \
  "$bin" serve >"$work/server.log" 2>&1 &
server_pid=$!
wait_ready "$base" "$server_pid"

# The ceiling: the first viewer's status page, saved as a static file the same server serves.
read -r number token <"$work/sample/view.txt"
curl -fsS -H "Cookie: portal_sid=$token" "$base/orders/$number" -o "$work/site/bench-status.html"
echo "status page of order $number: $(wc -c <"$work/site/bench-status.html") bytes"

stuck_after=""
rss() { awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status"; }
# CPU seconds so far of the portal, of the database cluster's processes (none on SQLite, which
# runs inside the portal) and of the whole machine (all CPUs busy, wrk included).
cpu_now() {
  local db_pids="" hz
  hz=$(getconf CLK_TCK)
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    db_pids=$(head -n1 "$pg_dir/data/postmaster.pid")
    db_pids="$db_pids $(pgrep -P "$db_pids" | tr '\n' ' ' || true)"
  fi
  echo "$(process_ticks "$server_pid") $(process_ticks $db_pids) $(machine_ticks)" \
    | awk -v hz="$hz" '{ printf "%.2f\t%.2f\t%.2f", $1 / hz, $2 / hz, $3 / hz }'
}
# LOAD_THREADS and LOAD_CONNECTIONS override the run's threads and connections for one phase.
load() {
  local script="$1"
  shift
  local cpu_before cpu_after
  cpu_before=$(cpu_now)
  wrk -t"${LOAD_THREADS:-$threads}" -c"${LOAD_CONNECTIONS:-$connections}" -d"${seconds}s" \
    --timeout 10s --latency -s "bench/wrk/$script.lua" "$base" -- "$@" >"$work/$script.out"
  cpu_after=$(cpu_now)
  # The result line, then the CPU seconds the phase took (portal, database, machine).
  paste <(grep '^RESULT' "$work/$script.out" | cut -f2-) <(awk -v a="$cpu_after" \
    -v b="$cpu_before" 'BEGIN { split(a, x, "\t"); split(b, y, "\t")
      printf "%.2f\t%.2f\t%.2f\n", x[1] - y[1], x[2] - y[2], x[3] - y[3] }') >>"$stamp.tsv"
  echo "  $script done; server peak RSS so far $(rss) MB"
  # wrk hangs up on the requests in flight when its time is up. A write request cut off while
  # its transaction began once left a pooled connection inside that transaction (fixed, see
  # docs/benchmarks.md, "Problems the harness found"); this guards against it coming back.
  if [ -z "$stuck_after" ] && grep -q 'non-zero transaction depth' "$work/server.log"; then
    stuck_after="$script"
    echo "  WARNING: writes fail since this phase (\"non-zero transaction depth\" in the log):" \
      "a request cut off as its transaction began left a connection inside it; write" \
      "numbers from here on are not valid"
  fi
}

echo "warming up (status page, 3 s, not counted)"
wrk -t"$threads" -c"$connections" -d3s -s bench/wrk/status.lua "$base" -- \
  "$work/sample/view.txt" "$threads" >/dev/null
load static
load status "$work/sample/view.txt" "$threads"
LOAD_THREADS=1 LOAD_CONNECTIONS=1 load status_one "$work/sample/view.txt" 1
load lookup "$work/sample/lookup.txt" "$threads"
load estimates "$work/sample/skus.txt" "$threads" "$api_token"
cancelled_before=$(sql "SELECT COUNT(*) FROM orders WHERE lifecycle = 'cancelled'")
load cancel "$work/sample/cancel.txt" "$threads"
sleep 1 # requests still in flight when wrk stopped
cancelled_after=$(sql "SELECT COUNT(*) FROM orders WHERE lifecycle = 'cancelled'")
cancelled=$((cancelled_after - cancelled_before))

echo
bench/report.sh "$stamp.tsv" "$(rss)" "$cancelled" "$connections"
errors=$(grep -c 'ERROR' "$work/server.log" || true)
echo "server log: $errors ERROR lines"
((errors == 0)) || grep 'ERROR' "$work/server.log" | sed 's/\x1b\[[0-9;]*m//g' | head -n3
echo "report: $stamp.txt"
