# The two commands of the README. Both install what they need and skip what is there.
.PHONY: run test build demo-data bench bench-race

run: ## Build and serve the portal on SQLite with the demo shop at http://127.0.0.1:3000
	scripts/run.sh

test: ## Everything CI runs: fmt, clippy (server + WASM), tests on SQLite + PostgreSQL, Chromium end-to-end
	scripts/test.sh

build:
	scripts/setup.sh
	cargo leptos build --release

bench: ## Quick load run (docs/benchmarks.md): 10k orders on SQLite against the release build
	bench/load.sh sqlite 10k

bench-race: ## The cancel-vs-ship race with 2 000 orders on SQLite and a throwaway PostgreSQL
	bench/race.sh 2000
