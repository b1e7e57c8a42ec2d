#!/usr/bin/env bash
# Prints how the database runs the queries behind the benchmarked endpoints (bench/plans.sql,
# copied from src/server/store), so index use on a generated database is visible:
# SQLite's EXPLAIN QUERY PLAN, and PostgreSQL's EXPLAIN ANALYZE of the generic plan that a
# pooled connection's prepared statement settles on (in a transaction that is rolled back).
#
#   bench/plans.sh sqlite   DATA_DIR/portal.db
#   bench/plans.sh postgres DATABASE_URL
#
# A "SCAN <table>" (SQLite) or "Seq Scan on <table>" (PostgreSQL) on a large table is a full
# scan: the row counts in the PostgreSQL output show how much each step read.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
engine="${1:?usage: bench/plans.sh sqlite|postgres DB_FILE|DATABASE_URL}"
target="${2:?the SQLite file or the PostgreSQL URL}"

# Turns each "-- == title | source | types | args" block of plans.sql into the engine's
# statements.
to_script() {
  plans_sql "$1" | awk -v engine="$1" '
    /^-- == / {
      split(substr($0, 7), h, / \| /)
      title = h[1]; source = h[2]; types = h[3]; args = h[4]; sql = ""; open = 1
      next
    }
    /^--/ || !open { next }
    {
      sql = sql $0 "\n"
      if ($0 !~ /;[[:space:]]*$/) next
      open = 0
      if (engine == "sqlite") {
        printf ".print\n.print == %s  [src/server/%s]\nEXPLAIN QUERY PLAN %s", title, source, sql
      } else {
        line = "== " title "  [src/server/" source "]"
        gsub(/\047/, "\047\047", line)
        printf "\\echo\n\\echo \047%s\047\n", line
        printf "PREPARE q(%s) AS %s", types, sql
        printf "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE q(%s);\n", args
        printf "DEALLOCATE q;\n"
      }
    }'
}

case "$engine" in
  sqlite)
    to_script sqlite | sqlite3 -bail "$target"
    ;;
  postgres)
    # Sample arguments: the first verified session whose order has shipped (so every query
    # finds rows), that order, one of its products and the newest API token.
    psql_q() { psql -X -qtA "$target" -c "$1"; }
    read -r session_id order_id < <(pg_sample_viewer "$target")
    {
      echo "\\set order_id $order_id"
      echo "\\set number '$(psql_q "SELECT number FROM orders WHERE id = $order_id")'"
      echo "\\set session_id $session_id"
      echo "\\set hash '$(psql_q "SELECT token_hash FROM sessions WHERE id = $session_id")'"
      echo "\\set api_hash '$(psql_q "SELECT COALESCE((SELECT token_hash FROM api_tokens ORDER BY id DESC LIMIT 1), 'none')")'"
      echo "\\set sku1 '$(psql_q "SELECT sku FROM order_lines WHERE order_id = $order_id LIMIT 1")'"
      echo "\\set sku2 '$(psql_q "SELECT sku FROM products ORDER BY id LIMIT 1 OFFSET 1")'"
      echo "\\set now $(date +%s%3N)"
      echo "BEGIN;"
      echo "SET LOCAL plan_cache_mode = force_generic_plan;"
      to_script postgres
      echo "ROLLBACK;"
    } | psql -X -q -v ON_ERROR_STOP=1 "$target"
    ;;
  *) echo "engine must be sqlite or postgres" >&2; exit 2 ;;
esac
