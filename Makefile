# Candor: the two commands a newcomer needs are `make run` (the desktop app) and
# `make test` (everything). Both install what is missing first: Debian/Ubuntu packages via
# apt-get (as root or with sudo), npm packages, and tauri-driver.

SHELL := /bin/bash
CARGO ?= cargo
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Building the app (WebKitGTK, GTK), testing it in a real window (WebKitWebDriver, Xvfb,
# D-Bus), and the standard tools the benchmarks and interoperability tests compare with.
APT_PACKAGES := build-essential pkg-config libwebkit2gtk-4.1-dev libxdo-dev libssl-dev \
	libayatana-appindicator3-dev librsvg2-dev webkit2gtk-driver xvfb xauth dbus \
	imagemagick argon2 age minisign unzip qpdf poppler-utils faketime dunst

E2E_APP := target/debug/candor-desktop

.PHONY: run cli test test-e2e test-package package lint ui ui-deps ui-test bindings bench bench-bundle bench-desktop bench-cv bench-build fuzz deps

## The desktop app (release build).
run: deps ui
	$(CARGO) run --release -p candor-desktop

## The `candor` command: make cli ARGS="init"
cli: deps
	$(CARGO) run --release -p candor-cli --bin candor -- $(ARGS)

## Every check and test: formatting, clippy, the UI's type check and component tests, the
## whole Rust test suite, and the WebDriver tests of the real app.
test: deps lint ui ui-test
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc
	$(MAKE) test-e2e

## The real app in a real (virtual) window, driven by WebDriver. Screenshots of each main
## screen land in target/e2e-screenshots/.
test-e2e: deps ui
	$(CARGO) build -p candor-desktop --features e2e --bin candor-desktop
	$(CARGO) build -p candor-cli --bin candor
	CANDOR_DESKTOP_BIN=$(CURDIR)/$(E2E_APP) xvfb-run -a -s "-screen 0 1280x900x24" \
		dbus-run-session -- $(CARGO) test -p candor-tests --features desktop-e2e --test desktop -- --nocapture --test-threads=1
	@echo "screenshots: $(CURDIR)/target/e2e-screenshots/"

## A Debian package of the app and the `candor` command, built by Tauri's bundler (the
## Tauri CLI from npm): desktop entry, icons, and the vault and bundle file types.
## Written to target/release/bundle/deb/.
## `PACKAGE_PROFILE=debug` makes the same package from debug binaries (target/debug/bundle/deb/):
## CI tests the packaging that way, without a release build of half an hour on two cores.
PACKAGE_PROFILE ?= release
ifeq ($(PACKAGE_PROFILE),debug)
PACKAGE_CARGO_FLAGS :=
PACKAGE_BUNDLE_FLAGS := --debug --config '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/candor":"../target/debug/candor"}}}}}'
else ifeq ($(PACKAGE_PROFILE),release)
PACKAGE_CARGO_FLAGS := --release
PACKAGE_BUNDLE_FLAGS :=
else
$(error PACKAGE_PROFILE is release or debug, not "$(PACKAGE_PROFILE)")
endif
DEB_DIR := target/$(PACKAGE_PROFILE)/bundle/deb
package: deps ui
	$(CARGO) build $(PACKAGE_CARGO_FLAGS) -p candor-desktop -p candor-cli --bin candor-desktop --bin candor
	rm -f $(DEB_DIR)/*.deb
	cd src-tauri && ../ui/node_modules/.bin/tauri bundle --bundles deb --ci $(PACKAGE_BUNDLE_FLAGS)

## Installs the package with dpkg, starts the installed app to its first screen, runs
## `candor --version` from the PATH, and removes it (as root, or with sudo).
test-package: package
	tests/package/test-package.sh $(DEB_DIR)/*.deb

lint: ui
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --all-features -- -D warnings

ui-deps:
	@[ -d ui/node_modules ] && [ ui/node_modules/.package-lock.json -nt ui/package-lock.json ] || (cd ui && npm ci --no-audit --no-fund)

## The web front end, built into ui/dist (embedded in the app binary).
ui: ui-deps
	cd ui && npm run build

ui-test: ui-deps
	cd ui && npm run check && npm test

## Regenerate ui/src/lib/bindings.ts from the Rust commands.
bindings: ui
	UPDATE_BINDINGS=1 $(CARGO) test -p candor-desktop --test ipc_surface

## Run the benchmarks (minutes); the figures go to BENCHMARKS.md.
bench: deps
	$(CARGO) bench -p candor-vault --bench vault
	$(CARGO) bench -p candor-vault --bench rekey
	$(CARGO) bench -p candor-vault --bench bundle

## Sharing and importing a bundle with 200 MB of attachments beside the `age` command, and
## the peak memory of both at 50 and 500 MB (a few minutes; about 3 GB free in $TMPDIR).
bench-bundle: deps
	$(CARGO) bench -p candor-vault --bench bundle

## Start-up time and memory of the release app beside a bare Tauri window (minutes).
bench-desktop: deps ui
	$(CARGO) build --release -p candor-desktop --bins --features bare-window
	$(CARGO) build --release -p candor-tests --bin desktop-bench
	xvfb-run -a -s "-screen 0 1280x900x24" dbus-run-session -- \
		target/release/desktop-bench target/release/candor-desktop target/release/candor-bare-window 10

## A CV as PDF: the warm render in-process, then whole `candor cv` processes beside
## LibreOffice converting the same CV as HTML (needs libreoffice-writer-nogui; minutes).
bench-cv: deps
	$(CARGO) build --release -p candor-cli --bin candor -p candor-render --example render_time
	target/release/examples/render_time
	tests/bench/cv_vs_libreoffice.sh

## Fuzz every reader of outside input (bundles, key cards and messages, ELMO, LinkedIn,
## JSON Resume, vault files and backups) for FUZZ_SECONDS each, one target after another:
## make fuzz FUZZ_SECONDS=600. Needs the nightly toolchain and cargo-fuzz (installed here if
## missing). New inputs go to tests/fuzz/corpus-work/, findings to tests/fuzz/artifacts/;
## the checked-in corpus (tests/fuzz/corpus/) is only read. Release code with overflow checks
## and debug assertions on, without AddressSanitizer (the code is safe Rust); low priority.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := bundle messages formats vault
FUZZ := cd tests/fuzz && nice -n 19 $(CARGO) +nightly fuzz
fuzz:
	@$(CARGO) +nightly fuzz --help >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked
	$(FUZZ) build -s none
	cat tests/fuzz/dict/zip.dict tests/fuzz/dict/json.dict > tests/fuzz/target/bundle.dict
	cp tests/fuzz/dict/json.dict tests/fuzz/target/messages.dict
	cat tests/fuzz/dict/xml.dict tests/fuzz/dict/json.dict tests/fuzz/dict/csv.dict \
		tests/fuzz/dict/zip.dict > tests/fuzz/target/formats.dict
	cp tests/fuzz/dict/sqlite.dict tests/fuzz/target/vault.dict
	for target in $(FUZZ_TARGETS); do \
		mkdir -p tests/fuzz/corpus-work/$$target && \
		($(FUZZ) run -s none $$target corpus-work/$$target corpus/$$target -- \
			-dict=target/$$target.dict -max_total_time=$(FUZZ_SECONDS) \
			-rss_limit_mb=2048 -timeout=10 -print_final_stats=1) || exit 1; \
	done

## Compile the benchmarks without running them (CI does this).
bench-build: deps ui
	$(CARGO) bench --workspace --no-run

deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v $(CARGO) >/dev/null || { echo "Rust is missing: install it from https://rustup.rs, then run make again"; exit 1; }
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null || { echo "Node.js 20 or newer is needed for the UI: https://nodejs.org"; exit 1; }
	@command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --locked
