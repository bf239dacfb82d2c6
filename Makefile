# Kundvakt's steps. `make run` and `make test` are the README's two commands;
# each installs the Debian/Ubuntu packages it needs that are missing.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# apt-get needs root: use sudo where we are not root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO ?= cargo

# What building needs, and what the tests need besides.
BUILD_PACKAGES := build-essential pkg-config
TEST_PACKAGES := postgresql sqlite3 python3 poppler-utils

.PHONY: help deps deps-test build run test lint unit contract bench clean

help:
	@echo "make run    build Kundvakt and open the register (installs what it needs)"
	@echo "make test   run every test, with a throw-away PostgreSQL (installs what it needs)"
	@echo "make lint   rustfmt and clippy"
	@echo "make bench  the figures of docs/BENCHMARKS.md"

# Installs the listed Debian packages that are not installed yet.
define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	@command -v $(CARGO) >/dev/null || { echo "Rust is not installed: see https://rustup.rs"; exit 1; }
	$(call apt_install,$(BUILD_PACKAGES))

deps-test: deps
	$(call apt_install,$(TEST_PACKAGES))

build: deps
	$(CARGO) build --release -p kundvakt

# Opens the default register (created on first run) and lists its customers.
# `KUNDVAKT_DB=demo.db make run` runs against another register.
run: build
	@./target/release/kundvakt init
	@./target/release/kundvakt customer list

lint: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# Every test: the core's unit tests and the integration tests in tests/, on
# SQLite files and on a real PostgreSQL cluster started for the run.
unit: deps-test
	@if $(CARGO) nextest --version >/dev/null 2>&1; then \
	  tests/support/with-postgres.sh $(CARGO) nextest run --workspace --no-fail-fast; \
	else \
	  tests/support/with-postgres.sh $(CARGO) test --workspace --no-fail-fast; \
	fi

# The acceptance floor of the spec's command-line contract, where shared/ is beside the checkout.
contract: deps-test
	$(CARGO) build -p kundvakt
	@if [ -f ../shared/acceptance/contract.py ]; then \
	  python3 ../shared/acceptance/contract.py ./target/debug/kundvakt core; \
	else echo "contract: ../shared/acceptance/contract.py not found, skipped"; fi

test: lint contract unit

# The figures of docs/BENCHMARKS.md, from the release build on this machine.
bench: deps
	$(CARGO) run --release -p kundvakt-bench

clean:
	$(CARGO) clean
