# vixray front door. `make demo` and `make test` are the two set-up commands of the README;
# both install what they need first (`make deps`, idempotent).
SHELL := /bin/bash
.DEFAULT_GOAL := demo
.DELETE_ON_ERROR:

BUILD     ?= build
NATIVE    := $(BUILD)/native
ASAN      := $(BUILD)/asan
WASM      := $(BUILD)/wasm
DIST      := $(WASM)/dist
VIXRAY    := $(NATIVE)/vixray
DEMO_DIR  ?= $(BUILD)/demo
SHARED    ?= $(abspath ../shared)
PYTHON    := /usr/bin/python3
# emcmake/em++ of Debian's emscripten 3.1.6 need Node to find acorn (TOOLCHAIN.md item 1).
export NODE_PATH := /usr/share/nodejs

APT_PACKAGES := cmake ninja-build g++ make git nodejs npm emscripten libeigen3-dev \
  nlohmann-json3-dev catch2 libcli11-dev libbenchmark-dev libssl-dev python3-sklearn \
  python3-numpy chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps native asan wasm test test-native test-asan test-wasm demo bench clean format \
  check-format

## deps: install every apt and npm dependency that is missing (skips what is installed).
## npm counts as present when the command exists: NodeSource's nodejs package bundles npm and
## conflicts with Debian's npm package.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || \
	  { [ $$p = npm ] && command -v npm >/dev/null; } || missing="$$missing $$p"; \
	done; \
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
	cmake -S . -B $(ASAN) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVIXRAY_SANITIZE=ON

$(WASM)/build.ninja:
	emcmake cmake -S . -B $(WASM) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node

## native: the CLI, the core and the Catch2 tests (Release)
native: $(NATIVE)/build.ninja
	cmake --build $(NATIVE)

## asan: the same with AddressSanitizer + UndefinedBehaviorSanitizer
asan: $(ASAN)/build.ninja
	cmake --build $(ASAN) --target vixray_tests vixray

## wasm: the WebAssembly ES module in build/wasm/dist
wasm: $(WASM)/build.ninja
	cmake --build $(WASM)

## test: everything CI checks (native tests, sanitizer run, wasm tests and parity)
test: deps
	$(MAKE) native wasm
	$(MAKE) test-native test-wasm
	$(MAKE) asan
	$(MAKE) test-asan
	@echo "make test: all suites passed"

test-native: native
	cd $(NATIVE) && ctest --output-on-failure -j2

test-asan: asan
	cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j2

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
	@if [ -f $(SHARED)/data/odds/shuttle.csv ]; then \
	  $(VIXRAY) forest fit --csv $(SHARED)/data/odds/shuttle.csv --label-col label \
	    --out $(BUILD)/parity/shuttle_forest.json && \
	  $(VIXRAY) forest score --model $(BUILD)/parity/shuttle_forest.json \
	    --csv $(SHARED)/data/odds/shuttle.csv --label-col label --out $(BUILD)/parity/shuttle_scores.csv && \
	  node wasm/test/forest_parity.mjs $(DIST) $(BUILD)/parity/shuttle_forest.json \
	    $(SHARED)/data/odds/shuttle.csv $(BUILD)/parity/shuttle_scores.csv; \
	else echo "parity on shuttle skipped: $(SHARED)/data/odds/shuttle.csv is absent"; fi

## demo: the main job on the embedded default data
demo: deps
	$(MAKE) native
	@mkdir -p $(DEMO_DIR)
	$(VIXRAY) forest generate --rows 9000 --cols 8 --outliers 0.05 --seed 42 --out $(DEMO_DIR)/data.csv
	$(VIXRAY) forest fit --csv $(DEMO_DIR)/data.csv --label-col label --contamination 0.05 \
	  --out $(DEMO_DIR)/forest.json
	$(VIXRAY) forest score --model $(DEMO_DIR)/forest.json --csv $(DEMO_DIR)/data.csv \
	  --label-col label --out $(DEMO_DIR)/scores.csv
	$(VIXRAY) forest eval --model $(DEMO_DIR)/forest.json --csv $(DEMO_DIR)/data.csv --label-col label

## bench: vixray and scikit-learn side by side (prints ratios; see bench/RESULTS.md)
bench: deps
	$(MAKE) native wasm
	bench/run.sh $(NATIVE) $(DIST) $(SHARED)

format:
	clang-format -i $$(git ls-files 'core/*.cpp' 'core/*.hpp' 'wasm/*.cpp' 'native_tests/*.cpp' 'bench/*.cpp')

check-format:
	clang-format --dry-run --Werror $$(git ls-files 'core/*.cpp' 'core/*.hpp' 'wasm/*.cpp' 'native_tests/*.cpp' 'bench/*.cpp')

clean:
	rm -rf $(BUILD)
