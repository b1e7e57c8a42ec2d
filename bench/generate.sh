#!/usr/bin/env bash
# Fills an empty portal database with benchmark data: 10k, 100k or 1m orders with lines,
# parcels, holds, refunds, timelines, sent emails and shopper sessions, set-based in plain SQL
# (bench/generate/*.sql), and writes the samples the wrk scripts read (view.txt, cancel.txt,
# lookup.txt, skus.txt) to OUT_DIR.
#
#   bench/generate.sh sqlite   10k DATA_DIR     OUT_DIR   # creates DATA_DIR/portal.db
#   bench/generate.sh postgres 1m  DATABASE_URL OUT_DIR
#
# The schema comes from the portal's own migrations (`order-portal migrate`), so the data
# always matches the binary under test. BENCH_CANCELLABLE orders (default 20000, at most half
# of the orders) are placed minutes before generation with a 60-minute cancellation window:
# run the load within about 40 minutes. The cancellation load needs one per request.
set -euo pipefail
cd "$(dirname "$0")/.."

engine="${1:?usage: bench/generate.sh sqlite|postgres 10k|100k|1m TARGET OUT_DIR}"
size="${2:?size: 10k, 100k or 1m}"
target="${3:?TARGET: a data directory (sqlite) or a database URL (postgres)}"
out="${4:?OUT_DIR: where the wrk samples go}"
bin="${PORTAL_BIN:-target/release/order-portal}"
sql_dir="bench/generate"

case "$size" in
  10k) orders=10000 ;;
  100k) orders=100000 ;;
  1m) orders=1000000 ;;
  *) echo "size must be 10k, 100k or 1m" >&2; exit 2 ;;
esac
cancellable="${BENCH_CANCELLABLE:-20000}"
(( cancellable > orders / 2 )) && cancellable=$((orders / 2))
viewers=1000
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The migrations, through the binary under test (it also refuses a URL it cannot use).
case "$engine" in
  sqlite)
    mkdir -p "$target"
    db="$(cd "$target" && pwd)/portal.db"
    APP_DATA_DIR="$target" DATABASE_URL="" "$bin" migrate >/dev/null
    client=(sqlite3 -bail -cmd 'PRAGMA journal_mode = OFF' -cmd 'PRAGMA synchronous = OFF'
            -cmd 'PRAGMA cache_size = -524288' -cmd 'PRAGMA temp_store = MEMORY' "$db")
    count=(sqlite3 "$db")
    ;;
  postgres)
    DATABASE_URL="$target" "$bin" migrate >/dev/null
    client=(psql -X -q -v ON_ERROR_STOP=1 --single-transaction "$target")
    count=(psql -X -qtA "$target" -c)
    ;;
  *) echo "engine must be sqlite or postgres" >&2; exit 2 ;;
esac
if [ "$("${count[@]}" 'SELECT COUNT(*) FROM orders')" != "0" ]; then
  echo "the database already has orders; generate into an empty one" >&2
  exit 1
fi

# Known session tokens (43 URL-safe characters, like `tokens::new_token`) and their SHA-256,
# hashed by one sha256sum over one small file per token: no per-token process.
tokens_dir=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$tokens_dir"' EXIT
for ((k = 1; k <= viewers + cancellable; k++)); do
  printf 'bench-shopper-%029d' "$k" >"$tokens_dir/$k"
done
(cd "$tokens_dir" && sha256sum -- [0-9]*) |
  awk '{ printf "%d,bench-shopper-%029d,%s\n", $2, $2, $1 }' >"$out/tokens.csv"

echo "generating $orders orders on $engine ($cancellable cancellable, $viewers viewer sessions)"
started=$(date +%s)
for part in lists "$engine" "$engine-timeline" "$engine-sessions"; do
  cat "$sql_dir/$part.sql"
done | sed -e "s|{{ORDERS}}|$orders|g" \
  -e "s|{{CUSTOMERS}}|$((orders * 7 / 10))|g" \
  -e "s|{{PRODUCTS}}|2000|g" \
  -e "s|{{CANCELLABLE}}|$cancellable|g" \
  -e "s|{{VIEWERS}}|$viewers|g" \
  -e "s|{{LOOKUPS}}|1000|g" \
  -e "s|{{BACKGROUND_SESSIONS}}|$((orders / 2))|g" \
  -e "s|{{NOW}}|$(date +%s%3N)|g" \
  -e "s|{{TOKENS}}|$out/tokens.csv|g" \
  -e "s|{{OUT}}|$out|g" |
  "${client[@]}" >/dev/null
[ "$engine" = sqlite ] && sqlite3 "$db" 'PRAGMA journal_mode = WAL' >/dev/null
echo "generated in $(($(date +%s) - started)) s"
