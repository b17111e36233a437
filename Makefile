# Candor: the two commands a newcomer needs are `make run` and `make test`.
# Both install what is missing first (Debian/Ubuntu packages via apt-get, as root or with sudo).

SHELL := /bin/bash
CARGO ?= cargo
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# What building and testing needs from the system: a C compiler for the bundled SQLite,
# and the standard tools the benchmarks compare against.
APT_PACKAGES := build-essential pkg-config argon2

.PHONY: run test deps lint bench bench-build

## Build and run the `candor` command (pass arguments with ARGS="...", e.g. ARGS="init").
run: deps
	$(CARGO) run --release -p candor-cli --bin candor -- $(ARGS)

## Every check and test: formatting, clippy with warnings as errors, the whole test suite.
test: deps lint
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## Run the benchmarks (minutes); figures go to BENCHMARKS.md by hand.
bench: deps
	$(CARGO) bench -p candor-vault --bench vault

## Compile the benchmarks without running them (CI does this).
bench-build: deps
	$(CARGO) bench --workspace --no-run

deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v $(CARGO) >/dev/null || { echo "Rust is missing: install it from https://rustup.rs and run make again"; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q clippy || rustup component add clippy rustfmt 2>/dev/null || true
