#!/usr/bin/env bash
# `make run`: build the release portal and serve it on SQLite with the demo shop.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
cargo leptos build --release
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
export APP_DATA_DIR="${APP_DATA_DIR:-./data}"
export APP_PUBLIC_URL="${APP_PUBLIC_URL:-http://$LEPTOS_SITE_ADDR}"
# Loads the demo shop only while the database has no orders (i.e. on the first start).
export APP_DEMO_DATA="${APP_DEMO_DATA:-true}"
exec ./target/release/order-portal serve
