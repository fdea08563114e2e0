# vixray front door. `make demo` and `make test` are the two set-up commands of the README;
# both install what they need first (`make deps`, idempotent).
SHELL := /bin/bash
.DEFAULT_GOAL := demo
.DELETE_ON_ERROR:

BUILD     ?= build
NATIVE    := $(BUILD)/native
ASAN      := $(BUILD)/asan
FUZZ      := $(BUILD)/fuzz
WASM      := $(BUILD)/wasm
DIST      := $(WASM)/dist
VIXRAY    := $(NATIVE)/vixray
DEMO_DIR  ?= $(BUILD)/demo
TESTDATA  := testdata
# Six US sessions of 5-minute bars (testdata/ticker_view/make_fixture.py): ticker parity, e2e.
TICKER_FIXTURE := testdata/ticker_view/AAPL.csv
SITE      ?= $(BUILD)/site
# make site: DATA_DIR holds market.json (and any other JSON the page reads); MODEL is a model
# bundle copied to data/model.json. Without them the page says on screen that data is missing.
DATA_DIR  ?=
MODEL     ?=
# make site: TICKERS_DIR holds the ticker demo (make demo-tickers), copied to $(SITE)/tickers/ with
# its index.json (tools/ticker_site.py). Without it the ticker view offers no demo ticker.
TICKERS_DIR ?=
E2E_PORT  ?= 8123
PYTHON    := /usr/bin/python3
# emcmake/em++ of Debian's emscripten 3.1.6 need Node to find acorn (TOOLCHAIN.md item 1).
export NODE_PATH := /usr/share/nodejs

APT_PACKAGES := cmake ninja-build g++ make git emscripten libeigen3-dev \
  nlohmann-json3-dev rapidjson-dev catch2 libcli11-dev libbenchmark-dev libssl-dev \
  python3-sklearn python3-numpy chromium clang-format clang-14 libclang-rt-14-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps native asan asan-replay wasm test test-native test-asan test-asan-replay test-wasm demo demo-tickers \
  ticker-quality bench clean format \
  check-format check-types js-tools site test-e2e test-export report \
  check-digests digests fuzz fuzz-build test-long

## deps: install every apt and npm dependency that is missing (skips what is installed).
## npm counts as present when the command exists: NodeSource's nodejs package bundles npm and
## conflicts with Debian's npm package.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || \
	  { [ $$p = npm ] && command -v npm >/dev/null; } || missing="$$missing $$p"; \
	done; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "deps: apt packages present"; fi
	@if [ -f e2e/package-lock.json ]; then \
	  if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then \
	    echo "deps: npm ci in e2e/"; (cd e2e && npm ci --no-audit --no-fund --loglevel=error); \
	  else echo "deps: npm packages present"; fi; fi

$(NATIVE)/build.ninja:
	cmake -S . -B $(NATIVE) -G Ninja -DCMAKE_BUILD_TYPE=Release

$(ASAN)/build.ninja:
	@# -O1 with line tables only: sanitizer stack traces need no more, and it builds in half the time.
	cmake -S . -B $(ASAN) -G Ninja -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_FLAGS="-O1 -g1" -DVIXRAY_SANITIZE=ON

$(WASM)/build.ninja:
	emcmake cmake -S . -B $(WASM) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node

## native: the CLI, the core and the Catch2 tests (Release)
native: $(NATIVE)/build.ninja
	cmake --build $(NATIVE)

## asan: the same with AddressSanitizer + UndefinedBehaviorSanitizer, and the fuzz targets'
## replay executables (fuzz/replay_main.cpp: test-asan replays fuzz/corpus and fuzz/crashes)
asan: $(ASAN)/build.ninja
	cmake --build $(ASAN) --target vixray_tests vixray vixray_fuzz_replay

## asan-replay: only the fuzz targets' replay executables under ASan + UBSan (what make test runs)
asan-replay: $(ASAN)/build.ninja
	cmake --build $(ASAN) --target vixray_fuzz_replay

## wasm: the WebAssembly ES module in build/wasm/dist
wasm: $(WASM)/build.ninja
	cmake --build $(WASM)

## test: everything CI checks (native tests, sanitizer run, wasm tests and parity)
test: deps
	$(MAKE) check-format check-types
	$(MAKE) native wasm
	$(MAKE) test-native check-digests test-wasm test-export
	$(MAKE) test-e2e
	$(MAKE) test-asan-replay
	@echo "make test: all suites passed"

## test-native also builds the benchmarks (make bench runs them), so an interface change that
## breaks one fails here and not first in make bench.
test-native: native
	cmake --build $(NATIVE) --target vixray_benches
	cd $(NATIVE) && ctest --output-on-failure -j2

## ASAN_LONG: the CLI tests that run the ASan-built `vixray` dozens of times over the same paths
## (kill points, folder swaps, tampering): they run natively in test-native; test-asan leaves them
## out and test-long runs them under ASan after it.
ASAN_LONG := export is whole or not written at every kill point|validate refuses a folder mixed|history verify DIR catches every kind|train --out DIR is whole or not written|export refuses its own output|identical inputs give identical export folders
test-asan: asan
	cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j2 -E "$(ASAN_LONG)"

## test-asan-replay: every reader of outside data replays fuzz/corpus and fuzz/crashes under
## ASan + UBSan (make test). The Catch2 suite under the sanitizers (test-asan) builds and runs
## for ~8 minutes on 2 cores and runs in test-long: make test stays within its 20 minutes.
test-asan-replay: asan-replay
	cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j2 -R "^fuzz_replay_"

test-wasm: native wasm
	node --test wasm/test/*.test.mjs
	@mkdir -p $(BUILD)/parity
	$(VIXRAY) forest generate --rows 9000 --cols 8 --seed 7 --out $(BUILD)/parity/generated.csv
	$(VIXRAY) forest fit --csv $(BUILD)/parity/generated.csv --label-col label \
	  --out $(BUILD)/parity/generated_forest.json
	$(VIXRAY) forest score --model $(BUILD)/parity/generated_forest.json \
	  --csv $(BUILD)/parity/generated.csv --label-col label --out $(BUILD)/parity/generated_scores.csv
	node wasm/test/forest_parity.mjs $(DIST) $(BUILD)/parity/generated_forest.json \
	  $(BUILD)/parity/generated.csv $(BUILD)/parity/generated_scores.csv
	$(VIXRAY) forest fit --csv $(TESTDATA)/odds/shuttle.csv --label-col label \
	  --out $(BUILD)/parity/shuttle_forest.json
	$(VIXRAY) forest score --model $(BUILD)/parity/shuttle_forest.json \
	  --csv $(TESTDATA)/odds/shuttle.csv --label-col label --out $(BUILD)/parity/shuttle_scores.csv
	node wasm/test/forest_parity.mjs $(DIST) $(BUILD)/parity/shuttle_forest.json \
	  $(TESTDATA)/odds/shuttle.csv $(BUILD)/parity/shuttle_scores.csv
	@# Ticker scores: the page's build opens the file as the ticker view does (max |diff| = 0).
	$(VIXRAY) ticker train --csv $(TICKER_FIXTURE) --out $(BUILD)/parity/ticker_model.json
	$(VIXRAY) ticker score --csv $(TICKER_FIXTURE) --model $(BUILD)/parity/ticker_model.json \
	  --out $(BUILD)/parity/ticker_anomalies.json
	node wasm/test/ticker_parity.mjs $(DIST) $(BUILD)/parity/ticker_model.json \
	  $(BUILD)/parity/ticker_anomalies.json $(TICKER_FIXTURE)

## fuzz: the libFuzzer targets of fuzz/ (clang-14, ASan + UBSan, build/fuzz), each run for
## FUZZ_SECONDS one after another from its seed corpus and past crash inputs (fuzz/run.sh;
## new inputs stay in build/fuzz/corpus). FUZZ_TARGETS picks some. Not part of `make test`,
## which replays the committed inputs through the asan build instead (test-asan).
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= price_csv frame_csv forest_json model_bundle market_json settings json_diff \
  bars_csv ticker_model ticker_documents review model_baselines history_bundles analysis_state
$(FUZZ)/build.ninja:
	CXX=clang++-14 cmake -S . -B $(FUZZ) -G Ninja -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_FLAGS="-O1 -g1" \
	  -DVIXRAY_SANITIZE=ON -DVIXRAY_FUZZ=ON

fuzz-build: $(FUZZ)/build.ninja
	cmake --build $(FUZZ) --target vixray_fuzz_targets

fuzz: deps
	$(MAKE) fuzz-build
	fuzz/run.sh $(FUZZ) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

## test-long: checks too long for make test (run by hand): the wasm core's error loops, 100,000
## failing calls of every kind instead of 1,000 (stack pointer and heap unchanged, same Analysis),
## the Catch2 suite under ASan + UBSan (test-asan), and the ASAN_LONG CLI tests under ASan
test-long: native wasm asan
	VIXRAY_ERROR_LOOP=100000 node --test wasm/test/error_loop.test.mjs
	$(MAKE) test-asan
	cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j2 -R "$(ASAN_LONG)"

## check-digests: the files `train` and `export` write (demo and real 1990-2018 data, fixed
## clock) are byte-identical to testdata/digests.txt; `make digests` rewrites it, deliberately.
check-digests: native
	tools/output_digests.sh $(VIXRAY) $(BUILD)/digests > $(BUILD)/digests.txt
	@diff -u testdata/digests.txt $(BUILD)/digests.txt || { echo "check-digests: outputs" \
	  "differ from testdata/digests.txt (a number moved? see the diff above)"; exit 1; }
	@echo "check-digests: $$(wc -l < testdata/digests.txt) output files byte-identical"

digests: native
	tools/output_digests.sh $(VIXRAY) $(BUILD)/digests > testdata/digests.txt

## site: the static dashboard in $(SITE) (relative URLs only: serve it from any sub-path)
site: wasm native
	@test -f e2e/node_modules/echarts/dist/echarts.esm.min.mjs || \
	  { echo "site: e2e/node_modules/echarts is missing: run 'make deps'"; exit 1; }
	@test -f e2e/node_modules/@noble/hashes/sha2.js || \
	  { echo "site: e2e/node_modules/@noble/hashes is missing: run 'make deps'"; exit 1; }
	rm -rf $(SITE) && mkdir -p $(SITE)/vendor $(SITE)/wasm $(SITE)/data
	cp -R web/. $(SITE)/
	@# web/report/ holds the standalone report's sources (make report), not the site's.
	rm -rf $(SITE)/report
	@# Each worker's module graph as one file: a module worker cannot preload its imports, so
	@# every import level was one more round trip before the core started (bench/RESULTS.md,
	@# "the first visit"). Not minified; the page's own modules stay one file each.
	for f in worker scorer; do e2e/node_modules/.bin/esbuild --bundle --format=esm \
	  --log-level=warning '--external:../vendor/*' --allow-overwrite \
	  $(SITE)/js/$$f.js --outfile=$(SITE)/js/$$f.js || exit 1; done
	@# ECharts with only the parts the panels use (e2e/echarts_site.mjs: 0.72 MB, not 1.12 MB).
	e2e/node_modules/.bin/esbuild --bundle --format=esm --minify --log-level=warning \
	  e2e/echarts_site.mjs --outfile=$(SITE)/vendor/echarts.esm.min.mjs
	@# SHA-256 of the bundle check where the browser has no SubtleCrypto (web/js/bundle_check.js)
	e2e/node_modules/.bin/esbuild --bundle --format=esm --minify --log-level=warning \
	  e2e/node_modules/@noble/hashes/sha2.js --outfile=$(SITE)/vendor/noble-sha2.mjs
	cp $(DIST)/vixray.mjs $(DIST)/guard_core.mjs $(DIST)/ensemble_model.mjs $(DIST)/ticker.mjs $(DIST)/vixray_core.mjs $(DIST)/vixray_core.wasm \
	  $(DIST)/vixray_ticker.mjs $(DIST)/vixray_ticker.wasm $(DIST)/package.json \
	  $(SITE)/wasm/
	@# The workers' warm-up model and market (web/js/core_api.js warmUpCore), trained now by this core.
	$(PYTHON) tools/warmup_data.py $(VIXRAY) $(SITE)/wasm/warmup
	@# analysis.json (the native parity reference, ~6 MB) stays out: the page computes its own.
	@if [ -n "$(DATA_DIR)" ]; then \
	  for f in $(DATA_DIR)/*.json; do [ "$$(basename $$f)" = analysis.json ] || cp $$f $(SITE)/data/; done && \
	  echo "site: data from $(DATA_DIR)"; else echo "site: no DATA_DIR given (page shows data missing)"; fi
	@if [ -n "$(MODEL)" ]; then cp $(MODEL) $(SITE)/data/model.json; fi
	@if [ -n "$(TICKERS_DIR)" ]; then $(PYTHON) tools/ticker_site.py $(TICKERS_DIR) $(SITE)/tickers; fi
	@# data/index.json lists the data files, so the page knows what is there without a 404.
	node e2e/data_index.mjs $(SITE)/data
	@echo "site: $(SITE) ready ($$(du -sh $(SITE) | cut -f1))"

## report: the standalone report, ONE HTML file that opens from file:// with no server and no
## network (page, ECharts, the core with its wasm, and the data inlined; see e2e/build_report.mjs).
## DATA_DIR holds market.json and model.json (MODEL=<bundle> overrides the latter); by default the
## demo's data if built, else build/export's. OUT is the file written.
OUT ?= $(BUILD)/report/vixray-report.html
REPORT_DATA = $(or $(DATA_DIR),$(if $(wildcard $(DEMO_DIR)/data/market.json),$(DEMO_DIR)/data,$(BUILD)/export/data))
report: wasm
	@test -f e2e/node_modules/esbuild/package.json -a -f e2e/node_modules/echarts/dist/echarts.min.js || \
	  { echo "report: esbuild or echarts is missing from e2e/node_modules: run 'make deps'"; exit 1; }
	@test -f $(REPORT_DATA)/market.json || { echo "report: no $(REPORT_DATA)/market.json: run" \
	  "'make demo DEMO_SERVE=0' or 'make test-export', or give DATA_DIR=<folder>"; exit 1; }
	node e2e/build_report.mjs --data $(REPORT_DATA) $(if $(MODEL),--model $(MODEL)) --dist $(DIST) \
	  --out $(OUT)

## test-e2e: the dashboard in headless system Chromium (Playwright starts the static server), and
## the standalone report from file://, both from the same export
test-e2e: deps
	$(MAKE) test-export
	$(MAKE) site DATA_DIR=$(BUILD)/export/data
	$(MAKE) report DATA_DIR=$(BUILD)/export/data OUT=$(BUILD)/report/vixray-report.html
	cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 E2E_PORT=$(E2E_PORT) \
	  E2E_EXPECTED=$(abspath $(BUILD)/export/data/analysis.json) \
	  E2E_REPORT=$(abspath $(BUILD)/report/vixray-report.html) npx playwright test

## demo: the main job on the embedded default data: simulate the market, train the ensemble,
## export and validate the seed-000 files, build the static site and serve it on 127.0.0.1.
## DEMO_SERVE=0 stops after building the site.
DEMO_SERVE ?= 1
DEMO_PORT  ?= 8080
demo: deps
	$(MAKE) native wasm
	@mkdir -p $(DEMO_DIR)
	$(VIXRAY) train --out $(DEMO_DIR)/model.json --history $(DEMO_DIR)/training_history.jsonl
	$(call model_folder,$(DEMO_DIR)/models,--sim-start 1990-01-02,2024-12-31,2025)
	$(VIXRAY) export --models $(DEMO_DIR)/models --model $(DEMO_DIR)/model.json --out $(DEMO_DIR)/data
	$(VIXRAY) validate $(DEMO_DIR)/data
	node e2e/validate_contracts.mjs $(DEMO_DIR)/data
	$(MAKE) demo-tickers
	$(MAKE) site DATA_DIR=$(DEMO_DIR)/data TICKERS_DIR=$(TICKER_DEMO)
	@if [ "$(DEMO_SERVE)" = 1 ]; then \
	  echo "vixray dashboard: http://127.0.0.1:$(DEMO_PORT)/  (Ctrl-C to stop)"; \
	  node e2e/serve.mjs $(SITE) $(DEMO_PORT); fi

## demo-tickers: the ticker view's demo in $(TICKER_DEMO): simulated tickers (seed 42; data/1d and
## data/5m), one model per market and interval (models/<interval>/<MARKET>.json: the page loads
## all six, daily and 5-minute) and their scores (anomalies_<interval>.json)
TICKER_DEMO := $(DEMO_DIR)/tickers
TICKERS_US  := SIMA SIMB
TICKERS_JP  := 9901.T 9902.T
TICKERS_TH  := SIMC.BK SIMD.BK
TICKERS_ALL := $(TICKERS_US) $(TICKERS_JP) $(TICKERS_TH)
ticker_csvs = $(foreach t,$(2),--csv $(1)/$(t).csv)
demo-tickers: native
	rm -rf $(TICKER_DEMO) && mkdir -p $(TICKER_DEMO)/models/1d $(TICKER_DEMO)/models/5m
	$(VIXRAY) simulate tickers --seed 42 --out $(TICKER_DEMO)/data
	$(foreach iv,1d 5m,$(foreach m,US JP TH,$(VIXRAY) ticker train \
	  $(call ticker_csvs,$(TICKER_DEMO)/data/$(iv),$(TICKERS_$(m))) \
	  --out $(TICKER_DEMO)/models/$(iv)/$(m).json && )) true
	$(foreach iv,1d 5m,$(VIXRAY) ticker score $(call ticker_csvs,$(TICKER_DEMO)/data/$(iv),$(TICKERS_ALL)) \
	  --models $(TICKER_DEMO)/models/$(iv) --out $(TICKER_DEMO)/anomalies_$(iv).json && ) true

## ticker-quality: the table of docs/QUALITY.md "Ticker models on simulated tickers": the demo's
## models against the labelled patterns of the demo's tickers (seed 42, the bars they were trained
## on) and of seed 43's (other paths and patterns, out of sample)
ticker-quality: demo-tickers
	rm -rf $(BUILD)/ticker_quality && mkdir -p $(BUILD)/ticker_quality
	$(VIXRAY) simulate tickers --seed 43 --out $(BUILD)/ticker_quality/seed43
	$(foreach d,$(TICKER_DEMO)/data $(BUILD)/ticker_quality/seed43,$(VIXRAY) backtest tickers \
	  --models $(TICKER_DEMO)/models/1d --models $(TICKER_DEMO)/models/5m \
	  $(foreach iv,1d 5m,$(call ticker_csvs,$(d)/$(iv),$(TICKERS_ALL))) --events $(d)/ticker_events.csv \
	  --out $(BUILD)/ticker_quality/$(notdir $(d)).md --json $(BUILD)/ticker_quality/$(notdir $(d)).json && ) true

## test-export: train on a short simulated history (a bundle, and a model folder monitored three
## times over the following year), export the folder with its model health, check every seed-000
## rule and schema
test-export: native
	@mkdir -p $(BUILD)/export
	$(VIXRAY) train --sim-start 2000-01-03 --sim-end 2012-12-31 --out $(BUILD)/export/model.json
	$(call model_folder,$(BUILD)/export/models,--sim-start 2000-01-03,2012-12-31,2013)
	$(VIXRAY) export --models $(BUILD)/export/models --out $(BUILD)/export/data
	$(VIXRAY) validate $(BUILD)/export/data
	node e2e/validate_contracts.mjs $(BUILD)/export/data

# $(call model_folder,DIR,DATA OPTIONS,LAST TRAINING DAY,NEXT YEAR): a model folder trained up to
# the day (train --out DIR) and monitored on the next year's first quarter, half and whole (each
# run appends a monitoring line; monitor exits 10, 11 or 12 for WATCH, USE MODEL B or RETRAIN).
model_folder = rm -rf $(1) && $(VIXRAY) train $(2) --sim-end $(3) --out $(1)/ && \
  for end in $(4)-03-29 $(4)-06-28 $(4)-12-31; do \
    $(VIXRAY) monitor --models $(1) $(2) --sim-end $$end || [ $$? -ge 10 ] || exit 1; done

## bench: vixray beside scikit-learn and ONNX Runtime (prints ratios; see bench/RESULTS.md), the
## pipeline's stages, the Analysis from 1,000 to 50,000 days, the ticker path. The ONNX Runtime
## packages (bench/package.json) are installed here only, never by deps or test; their install
## script would fetch optional CUDA libraries from outside the npm registry: skipped.
bench: deps
	$(MAKE) native wasm
	cmake --build $(NATIVE) --target vixray_benches
	@if [ ! -d bench/node_modules ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then \
	  echo "bench: npm ci in bench/"; \
	  (cd bench && ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error); \
	else echo "bench: npm packages present"; fi
	bench/run.sh $(NATIVE) $(DIST) $(TESTDATA)
	$(NATIVE)/vixray_pipeline_bench 5
	$(NATIVE)/vixray_pipeline_bench 5 $(TESTDATA)/real/spx_daily_1990_2018.csv \
	  $(TESTDATA)/real/vix_daily_1990_2018.csv
	$(NATIVE)/vixray_scaling_bench 3
	$(NATIVE)/vixray_features_bench 9
	bench/ticker_bench.sh $(NATIVE)

## format / check-format: clang-format on the C++; Prettier (.prettierrc.json) on the JavaScript
## and TypeScript, ESLint (eslint.config.mjs) on the JavaScript, from e2e/node_modules (make deps).
## The JS globs are expanded by the tools; .prettierignore and the ESLint config leave out npm's
## and Playwright's output.
JS_FILES := 'web/**/*.{js,mjs}' 'wasm/*.mjs' 'wasm/test/*.mjs' 'e2e/**/*.{js,mjs}' 'bench/*.mjs' \
  eslint.config.mjs
TS_FILES := wasm/vixray.d.ts wasm/test/types_usage.ts
NODE_BIN := e2e/node_modules/.bin
CPP_FILES = $$(git ls-files 'core/*.cpp' 'core/*.hpp' 'wasm/*.cpp' 'wasm/*.hpp' 'native_tests/*.cpp' 'native_tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp' 'fuzz/*.cpp' 'fuzz/*.hpp')

js-tools:
	@test -x $(NODE_BIN)/prettier -a -x $(NODE_BIN)/eslint -a -x $(NODE_BIN)/tsc || \
	  { echo "prettier, eslint or tsc is missing from e2e/node_modules: run 'make deps'"; exit 1; }

format: js-tools
	clang-format -i $(CPP_FILES)
	$(NODE_BIN)/prettier --write --log-level warn $(JS_FILES) $(TS_FILES)

check-format: js-tools
	clang-format --dry-run --Werror $(CPP_FILES)
	$(NODE_BIN)/prettier --check --log-level warn $(JS_FILES) $(TS_FILES)
	$(NODE_BIN)/eslint --config eslint.config.mjs --max-warnings 0 $(JS_FILES)
	$(PYTHON) tools/check_layers.py

## check-types: the npm module's declarations (wasm/vixray.d.ts) against the calls of
## wasm/test/types_usage.ts, which imports 'vixray' as a user would (wasm/package.json "types");
## no DOM or Node library, so the declarations need neither.
check-types: js-tools
	$(NODE_BIN)/tsc --noEmit --strict --module nodenext --target es2022 --lib es2022 $(TS_FILES)

clean:
	rm -rf $(BUILD)
