# Kundvakt's steps. `make run` and `make test` are the README's two commands;
# each installs the Debian/Ubuntu packages it needs that are missing.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# apt-get needs root: use sudo where we are not root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO ?= cargo

# What building needs (the webview and its toolkit for the window), and what
# the tests need besides (PostgreSQL, sqlite3, poppler for the PDFs, Xvfb and
# WebKitWebDriver for the window).
BUILD_PACKAGES := build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev librsvg2-dev libxdo-dev file
TEST_PACKAGES := postgresql sqlite3 python3 poppler-utils xvfb xauth webkit2gtk-driver tzdata
TAURI_DRIVER_VERSION := 2.1.0

.PHONY: help deps deps-test ui build run test lint unit test-build contract e2e bench clean

help:
	@echo "make run    build Kundvakt and open its window on your register (installs what it needs)"
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
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nodejs npm; }

# The window's web UI, which the app embeds when it is compiled.
ui: deps
	cd ui && npm ci --no-audit --no-fund && npm run build

deps-test: deps
	$(call apt_install,$(TEST_PACKAGES))

build: ui
	$(CARGO) build --release -p kundvakt --features custom-protocol

# Opens the window on the default register (created, empty, on first start).
# `KUNDVAKT_DB=demo.db make run` opens another register.
run: build
	./target/release/kundvakt

lint: ui
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# Every test: the core's unit tests and the integration tests in tests/, on
# SQLite files and on a real PostgreSQL cluster started for the run; and the
# window's reading of typed dates, under node's own test runner.
unit: test-build
	cd ui && npm test
	@if $(CARGO) nextest --version >/dev/null 2>&1; then \
	  tests/support/with-postgres.sh $(CARGO) nextest run --workspace --no-fail-fast; \
	else \
	  tests/support/with-postgres.sh $(CARGO) test --workspace --no-fail-fast; \
	fi

# One build for the contract, the window tests and the suite: building the app
# alone (`-p kundvakt`) resolves the dependencies' features differently from the
# workspace's tests and compiled everything twice. The test build also puts
# the command line at target/debug/kundvakt.
test-build: deps-test ui
	$(CARGO) test --workspace --no-run

# The acceptance floor of the spec's command-line contract, where shared/ is beside the checkout.
contract: test-build
	@if [ -f ../shared/acceptance/contract.py ]; then \
	  python3 ../shared/acceptance/contract.py ./target/debug/kundvakt core requests retention; \
	else echo "contract: ../shared/acceptance/contract.py not found, skipped"; fi

# The real app in its window under Xvfb, driven through tauri-driver; saves
# screenshots of the main screens to docs/screenshots/.
e2e: test-build
	@command -v tauri-driver >/dev/null || [ -x "$$HOME/.cargo/bin/tauri-driver" ] || \
	  $(CARGO) install tauri-driver --locked --version $(TAURI_DRIVER_VERSION)
	tests/support/with-postgres.sh xvfb-run -a -s "-screen 0 1280x800x24" python3 tests/e2e/app_test.py target/debug/kundvakt

# Without incremental state: a one-off build does not reuse it, and it would
# take gigabytes of the CI machine's disk.
test: export CARGO_INCREMENTAL := 0
test: lint contract e2e unit

# The figures of docs/BENCHMARKS.md, from the release build on this machine:
# SQLite, then PostgreSQL on a throw-away cluster.
bench: deps-test
	tests/support/with-postgres.sh $(CARGO) run --release -p kundvakt-bench

clean:
	$(CARGO) clean
