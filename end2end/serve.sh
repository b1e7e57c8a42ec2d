#!/usr/bin/env bash
# Starts the release build on a fresh data directory with the demo shop, for the specs.
set -euo pipefail
cd "$(dirname "$0")"
port="$1"
data="$PWD/.e2e-data"
rm -rf "$data"
mkdir -p "$data"
export LEPTOS_SITE_ROOT="$PWD/../target/site"
export LEPTOS_SITE_ADDR="127.0.0.1:$port"
export APP_DATA_DIR="$data"
export APP_PUBLIC_URL="http://127.0.0.1:$port"
export APP_DEMO_DATA=true
export APP_OUTBOX_POLL_MILLIS=100
export APP_LOOKUP_LIMIT_PER_IP=1000
export APP_LOOKUP_LIMIT_PER_ORDER=1000
# Many specs sign in as the demo owner; the limits themselves are tested in tests/accounts.rs.
export APP_LOGIN_LIMIT_PER_IP=1000
export APP_LOGIN_LIMIT_PER_ACCOUNT=1000
unset DATABASE_URL
exec "${PORTAL_BIN:-$PWD/../target/release/order-portal}"
