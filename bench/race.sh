#!/usr/bin/env bash
# The cancel-vs-ship race at scale: 2 000 orders, each raced by the shopper's cancellation
# against the shop's shipment, on SQLite and on a throwaway PostgreSQL. Prints, per engine, how
# many races applied both, neither, or answered with a server error (all must be 0; the test
# fails otherwise). `make test` runs the same test with 200 orders.
#   bench/race.sh [orders]        (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
export PATH="$HOME/.cargo/bin:$PATH" CARGO_INCREMENTAL=0
trap pg_stop EXIT
pg_start
PORTAL_RACE_ORDERS="${1:-2000}" PORTAL_TEST_PG_URL="$PG_URL" PORTAL_REQUIRE_PG=1 \
  cargo test --features ssr --test cancellation a_cancel_racing -- --nocapture 2>&1 \
  | grep -E 'races on|test result|panicked|left:|right:'
