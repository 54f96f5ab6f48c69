# Tia — the two commands a newcomer needs:
#   make run    installs what is missing, builds, serves the demo on http://127.0.0.1:8080
#   make test   the same, then every test (unit, storage conformance on SQLite and PostgreSQL, API,
#               the browser tests in headless Chromium)
SHELL := /bin/bash
RUN_DIR := build/run
PYTEST := /usr/bin/python3 -m pytest

.PHONY: run test bootstrap build-release build-server build-test build-web bench fuzz clean format

bootstrap:
	@scripts/bootstrap

# The web app: npm packages exactly as the lockfile says, then a production build into web/dist.
web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

build-web: bootstrap web/node_modules/.package-lock.json
	cd web && npm run build

build-release: bootstrap build-web
	cmake --preset release >/dev/null
	cmake --build --preset release

# Only the server binary, optimised: what `make run` serves and what `make test` smoke-tests, so
# a release-only compile error (GCC warns differently at -O2 without sanitizers) fails the tests.
build-server: bootstrap build-web
	cmake --preset release >/dev/null
	cmake --build --preset release --target tia

build-test: bootstrap build-web
	cmake --preset asan >/dev/null
	cmake --build --preset asan

run: build-server
	@mkdir -p $(RUN_DIR) && rm -rf $(RUN_DIR)/demo.db*
	TIA_SMS_SPOOL_DIR=$${TIA_SMS_SPOOL_DIR:-$(RUN_DIR)/sms} build/release/tia --db sqlite:$(RUN_DIR)/demo.db serve --migrate --demo --web-root web/dist --listen $${TIA_LISTEN:-127.0.0.1:8080}

test: build-test build-server
	scripts/test

bench: build-release
	scripts/bench

fuzz: bootstrap
	cmake --preset fuzz >/dev/null
	cmake --build build/fuzz --target record_validation_fuzz http_request_fuzz engine_input_fuzz protocol_loader_fuzz scheduling_config_fuzz photo_clean_fuzz tracker_import_fuzz
	scripts/fuzz

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build web/dist web/node_modules
