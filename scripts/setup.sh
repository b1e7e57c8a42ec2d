#!/usr/bin/env bash
# Installs what building, running and testing the portal needs on a fresh Debian machine,
# skipping whatever is already present. Safe to run repeatedly.
#   scripts/setup.sh          build tools only (for `make run`)
#   scripts/setup.sh --test   also Chromium, PostgreSQL and the end-to-end npm packages
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

CARGO_LEPTOS_VERSION=0.3.11
BINARYEN_VERSION=132
TOOLS_DIR="${PORTAL_TOOLS_DIR:-$HOME/.cache/order-portal-tools}"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=()
need_pkg() { dpkg -s "$1" >/dev/null 2>&1 || apt_packages+=("$1"); }
need_pkg build-essential
need_pkg pkg-config
need_pkg ca-certificates
if [ "$want_test" = 1 ]; then
  need_pkg chromium
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_packages+=(postgresql)
  # Debian packages npm separately from nodejs; other node installs bring their own npm.
  command -v node >/dev/null || apt_packages+=(nodejs)
  command -v npm >/dev/null || apt_packages+=(npm)
fi
if [ "${#apt_packages[@]}" -gt 0 ]; then
  log "installing Debian packages: ${apt_packages[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# cargo-leptos 0.3.11's own lock file wants a crate that needs a newer rustc; pinning
# cargo-util-schemas to 0.14.1 builds on rustc 1.95 (see docs/toolchain.md).
if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  log "building cargo-leptos $CARGO_LEPTOS_VERSION (10-18 minutes, once per machine)"
  src=$(ls -d "$HOME"/.cargo/registry/src/*/cargo-leptos-$CARGO_LEPTOS_VERSION 2>/dev/null | head -n1 || true)
  if [ -z "$src" ]; then
    # Fetches and unpacks the source; the build itself is expected to fail here.
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked >/dev/null 2>&1 || true
    src=$(ls -d "$HOME"/.cargo/registry/src/*/cargo-leptos-$CARGO_LEPTOS_VERSION | head -n1)
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    work=$(mktemp -d)
    cp -r "$src"/. "$work"
    (cd "$work" && cargo update -q -p cargo-util-schemas --precise 0.14.1 && cargo install --path . --locked)
    rm -rf "$work"
  fi
fi

# The wasm-bindgen CLI must equal the crate version in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock 2>/dev/null || true)
if [ -n "$wb_version" ] && ! wasm-bindgen --version 2>/dev/null | grep -q "$wb_version"; then
  log "installing wasm-bindgen-cli $wb_version"
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# wasm-opt from npm (Debian's binaryen is too old and breaks hydration).
if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  log "installing wasm-opt (binaryen $BINARYEN_VERSION) from npm"
  command -v npm >/dev/null || sudo_if_needed apt-get install -y -qq --no-install-recommends nodejs npm
  mkdir -p "$TOOLS_DIR"
  npm install --silent --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VERSION" >/dev/null
  ln -sf "$TOOLS_DIR/node_modules/.bin/wasm-opt" "$HOME/.cargo/bin/wasm-opt"
fi

if [ "$want_test" = 1 ]; then
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    log "installing end-to-end packages"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)
  fi
fi
log "tools ready"
