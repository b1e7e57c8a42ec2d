# The two commands of the README. Both install what they need and skip what is there.
.PHONY: run test build demo-data

run: ## Build and serve the portal on SQLite with the demo shop at http://127.0.0.1:3000
	scripts/run.sh

test: ## Everything CI runs: fmt, clippy (server + WASM), tests on SQLite + PostgreSQL, Chromium end-to-end
	scripts/test.sh

build:
	scripts/setup.sh
	cargo leptos build --release
