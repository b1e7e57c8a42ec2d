#!/usr/bin/env bash
# What the order status page's statement costs PostgreSQL itself: CPU time of the database
# backends per statement, with the statement prepared (as the portal's reader connections
# prepare it) and run by pgbench on CLIENTS connections, next to the cheapest statement a view
# could make, a one-row lookup of the order by its number. The gap between the two is the most
# any rewrite of the statement can save; the lookup is what one statement per view costs at
# least (docs/benchmarks.md, "Thirteenth round").
#
#   bench/pg_cost.sh DATABASE_URL    # a database bench/generate.sh filled
#
# BENCH_SECONDS (8) per statement, BENCH_CLIENTS (8, the reader's connections).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
url="${1:?usage: bench/pg_cost.sh DATABASE_URL}"
seconds="${BENCH_SECONDS:-8}"
clients="${BENCH_CLIENTS:-8}"
(( seconds >= 4 )) || { echo "BENCH_SECONDS must be at least 4" >&2; exit 2; }
pg_find_bin

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql_q() { psql -X -qtA "$url" -c "$1"; }
read -r session_id order_id < <(pg_sample_viewer "$url")
number=$(psql_q "SELECT number FROM orders WHERE id = $order_id")
hash=$(psql_q "SELECT token_hash FROM sessions WHERE id = $session_id")

# The first statement of plans.sql is the status page's; pgbench binds :name as parameters.
plans_sql postgres | awk '/^-- == /{n++; next} /^--/{next} n==1' \
  | sed -e 's/\$1\b/:number/g; s/\$2\b/:hash/g; s/\$3\b/:now/g' | tr '\n' ' ' >"$work/status.sql"
echo >>"$work/status.sql"
echo "SELECT id FROM orders WHERE number = :number;" >"$work/lookup.sql"

# Runs one statement; prints transactions per second and backend CPU per statement. The CPU is
# counted from the second second to the second-to-last (connections open and close outside).
measure() {
  local name="$1" pids before after tps
  "$pg_bin/pgbench" -n -M prepared -c "$clients" -j 2 -T "$seconds" -f "$work/$name.sql" \
    -D number="$number" -D hash="$hash" -D now="$(date +%s%3N)" "$url" >"$work/$name.out" 2>&1 &
  local bench_pid=$!
  sleep 1
  pids=$(psql_q "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgbench'")
  before=$(process_ticks $pids)
  sleep $((seconds - 2))
  after=$(process_ticks $pids)
  wait "$bench_pid" || { cat "$work/$name.out" >&2; return 1; }
  tps=$(awk '/^tps = / {print $3}' "$work/$name.out")
  awk -v name="$name" -v tps="$tps" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" \
    -v secs=$((seconds - 2)) 'BEGIN {
      printf "%-12s %9.0f statements/s  %6.3f ms backend CPU per statement\n",
        name, tps, ticks / hz * 1000 / (tps * secs) }'
}

echo "order $number, $clients connections, ${seconds} s each, $(nproc) CPUs"
measure status
measure lookup
