# Community Kiosk: the two commands most people need are `make run` and `make test`.
#   make run    install what is missing (apt), build, start the kiosk on the bundled demo content
#   make test   install, build (warnings are errors), run every test, then the unit tests under ASan+UBSan
#   make build  install + build only;  make bench  the benchmarks;  make format  clang-format;  make clean
#   make fuzz   the libFuzzer harnesses (clang-14, build-fuzz/), FUZZ_SECONDS each (docs/fuzzing.md)
#   make intake-demo  the department's intake service on 127.0.0.1 with the local kiosk registered
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
RUN_DATA ?= $(CURDIR)/$(BUILD)/run-data
ARGS ?=
# ccache, where installed, makes rebuilds across clones and build folders cheap; CI works without it.
LAUNCHER := $(if $(shell command -v ccache 2>/dev/null),-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
FORMAT_DIRS := kiosk ui offline-cache intake tests bench

.PHONY: all deps deps-dev build run test test-asan fuzz-build test-fuzz fuzz bench clean format intake-demo demo-pictures

all: build

deps:
	@bash scripts/deps.sh

# What the tests need beyond the kiosk's own packages (scripts/deps-dev.sh).
deps-dev:
	@bash scripts/deps-dev.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) $(LAUNCHER) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_WERROR=$(if $(WERROR),$(WERROR),OFF)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/bin/kiosk --data-dir $(RUN_DATA) $(ARGS)

test: deps deps-dev
	cmake -S . -B $(BUILD) $(LAUNCHER) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_WERROR=ON -DKIOSK_INTAKE_REQUIRED=ON
	cmake --build $(BUILD) -j $(JOBS)
	$(MAKE) --no-print-directory test-asan
	$(MAKE) --no-print-directory test-fuzz
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

test-asan: deps
	cmake -S . -B $(ASAN_BUILD) $(LAUNCHER) -DCMAKE_BUILD_TYPE=Debug -DKIOSK_WERROR=ON -DKIOSK_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target unit_tests
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -L unit --timeout 900

# The fuzz harnesses (tests/fuzz, docs/fuzzing.md): clang-14, libraries instrumented, own folder.
fuzz-build: deps deps-dev
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_BUILD) $(LAUNCHER) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DKIOSK_WERROR=ON -DKIOSK_FUZZ=ON
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_harnesses

# make test: each harness replays its seed corpus once (-runs=0), crashes found earlier included.
test-fuzz: fuzz-build
	cd $(FUZZ_BUILD) && ctest --output-on-failure -j $(JOBS) -L fuzz

# Fuzzes each harness for FUZZ_SECONDS; prints executions, coverage and crashes per harness.
fuzz: fuzz-build
	bash tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# A throwaway PostgreSQL cluster + kiosk-intake serving on 127.0.0.1, the local kiosk registered
# (scripts/intake-demo.sh, docs/intake.md). Configures again so the intake's packages are found.
intake-demo: deps deps-dev
	cmake -S . -B $(BUILD) $(LAUNCHER) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_WERROR=$(if $(WERROR),$(WERROR),OFF)
	cmake --build $(BUILD) -j $(JOBS) --target kiosk kiosk-intake
	bash scripts/intake-demo.sh $(BUILD)

bench: deps-dev build
	bash bench/run.sh $(BUILD)

# Draws the demo bundle's pictures again (scripts/demo_pictures) into assets/content/pictures/.
demo-pictures: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) --target demo-pictures

# One style for the tree (.clang-format); run before committing C++.
format:
	@git ls-files $(addsuffix /*.cpp,$(FORMAT_DIRS)) $(addsuffix /*.h,$(FORMAT_DIRS)) | xargs -r clang-format-14 -i

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
