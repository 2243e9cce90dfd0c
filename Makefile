# Loopscope: build, serve and test.
#
#   make setup   install what is missing (wasm target, wasm-pack, wasm-bindgen-cli, Chromium +
#                chromedriver, npm packages of the page tests); seconds when all is present
#   make build   www/wire.js (the wire contract, from crate/wire/), then the wasm package into
#                www/pkg (wasm-pack, release, --target web)
#   make dist    build, then dist/: the site for any static host + dist/loopscope.html (one file)
#   make serve   build, then serve the repo root on http://127.0.0.1:$(PORT)/ (PORT=8000)
#   make test    format and lint checks (rustfmt, clippy native and wasm), native cargo tests,
#                the runtime's native tests under Miri (Stacked and Tree Borrows), wasm browser
#                tests, build, page tests; stops at the first failure
#   make bench   setup, then node scripts/bench.mjs
#   make clean   remove build output (target/, www/pkg/)

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

# cargo-installed tools (wasm-pack, wasm-bindgen) live here; wasm-pack finds chromedriver on PATH.
CARGO_DIR := $(or $(CARGO_HOME),$(HOME)/.cargo)
export PATH := $(CARGO_DIR)/bin:$(PATH)

# A panic's message names its source file, and a dependency's path starts with the builder's
# cargo home: cut that off, so the site's wasm names only files of the project and of its
# crates (`tests/e2e/dist.test.mjs` checks). Cargo adds this to .cargo/config.toml's flags.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS := --remap-path-prefix=$(CARGO_DIR)/registry/src/=

PORT ?= 8000
# The time each browser test file may take (wasm-bindgen-test's default is 20 s): the file that
# runs every lesson's Python (tests/script_lessons.rs) takes about 100 s on 2 cores, and 120
# s at the most once ran out while the machine was busy.
WASM_BINDGEN_TEST_TIMEOUT ?= 300
export WASM_BINDGEN_TEST_TIMEOUT
WASM_PACK_BUILD := wasm-pack build --release --target web --out-dir www/pkg --out-name loopscope
E2E_TESTS := $(sort $(wildcard tests/e2e/*.test.mjs))

.PHONY: all setup build dist serve test test-native test-wasm test-e2e bench clean

all: build

setup:
	bash scripts/setup.sh

# www/wire.js first: the page's copy of the wire contract, rendered from crate/wire/ (a small
# crate with no dependencies, so this takes a second); `cargo test` fails while it is stale.
build: setup
	cargo run --quiet --package loopscope-wire -- www/wire.js
	$(WASM_PACK_BUILD)

# Relative URLs only, so dist/ works at a host's root or under a sub-path; the single file
# works from file://. scripts/dist.mjs stops on any reference it cannot carry over.
dist: build
	node scripts/dist.mjs

serve: build
	PORT=$(PORT) bash scripts/serve.sh

# One recipe, so the order holds even under make -j: cheapest and most basic checks first.
test: setup
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings
	cargo test --workspace
	cargo +nightly miri test --test native_runtime --test model_runtime
	MIRIFLAGS=-Zmiri-tree-borrows cargo +nightly miri test --test native_runtime --test model_runtime
	wasm-pack test --headless --chrome
	$(WASM_PACK_BUILD)
	node --test $(E2E_TESTS)

# The steps of `make test` one at a time (each assumes `make setup` has run; test-e2e
# assumes `make build` has run: the page tests build nothing).
test-native:
	cargo test --workspace

test-wasm:
	wasm-pack test --headless --chrome

test-e2e:
	node --test $(E2E_TESTS)

# scripts/bench.mjs builds or finds what it measures itself (e.g. a `--features bench` package).
bench: setup
	@[ -f scripts/bench.mjs ] || { echo "make bench: scripts/bench.mjs does not exist yet" >&2; exit 1; }
	node scripts/bench.mjs

clean:
	rm -rf www/pkg dist
	cargo clean
