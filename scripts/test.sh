#!/usr/bin/env bash
# `make test`, exactly what CI runs: formatting, clippy for the server and the WASM build, unit
# and integration tests on SQLite and on a throwaway PostgreSQL, then the end-to-end suite in
# Debian's Chromium against the release build. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

scripts/setup.sh --test || { echo "setup failed"; exit 1; }

summary=()
failed=0
passed_tests=0
failed_tests=0
log_dir=$(mktemp -d)

step() {
  local name="$1"; shift
  local started=$SECONDS
  printf '\n\033[1m== %s\033[0m\n' "$name"
  if "$@"; then
    summary+=("ok    $name ($((SECONDS - started))s)")
    return 0
  fi
  summary+=("FAIL  $name ($((SECONDS - started))s)")
  failed=1
  return 1
}

# --- a throwaway PostgreSQL cluster, removed on exit -------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
pg_dir=$(mktemp -d)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() {
  [ -f "$pg_dir/data/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$pg_dir" "$log_dir"
}
trap stop_pg EXIT
start_pg() {
  [ -n "$pg_bin" ] || { echo "PostgreSQL is not installed"; return 1; }
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((40000 + RANDOM % 20000)))
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U portal >"$log_dir/initdb.log" 2>&1 || { cat "$log_dir/initdb.log"; return 1; }
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
    || { cat "$pg_dir/server.log"; return 1; }
  export PORTAL_TEST_PG_URL="postgres://portal@127.0.0.1:$port/postgres"
  export PORTAL_REQUIRE_PG=1
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $port"
}

run_tests() {
  cargo test --features ssr --no-fail-fast 2>&1 | tee "$log_dir/cargo-test.log"
  local status=${PIPESTATUS[0]}
  local p f
  p=$(grep -Eo '[0-9]+ passed' "$log_dir/cargo-test.log" | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed' "$log_dir/cargo-test.log" | awk '{s+=$1} END {print s+0}')
  passed_tests=$((passed_tests + p)); failed_tests=$((failed_tests + f))
  return "$status"
}

run_e2e() {
  (cd end2end && npx playwright test) 2>&1 | tee "$log_dir/e2e.log"
  local status=${PIPESTATUS[0]}
  local p f
  p=$(grep -Eo '^ *[0-9]+ passed' "$log_dir/e2e.log" | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo '^ *[0-9]+ failed' "$log_dir/e2e.log" | awk '{s+=$1} END {print s+0}')
  passed_tests=$((passed_tests + p)); failed_tests=$((failed_tests + f))
  return "$status"
}

step "cargo fmt --check" cargo fmt --all -- --check
step "clippy (server)" cargo clippy --features ssr --all-targets -- -D warnings
step "clippy (WASM)" cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings
step "start PostgreSQL" start_pg && step "unit + integration tests (SQLite + PostgreSQL)" run_tests
if step "release build (cargo leptos)" cargo leptos build --release; then
  step "hydrate bundle within its size budget (brotli)" node scripts/wasm-budget.mjs
  step "end-to-end (Chromium, JavaScript on and off)" run_e2e
fi

printf '\n\033[1m== summary\033[0m\n'
printf '%s\n' "${summary[@]}"
echo "tests: $passed_tests passed, $failed_tests failed"
exit "$failed"
