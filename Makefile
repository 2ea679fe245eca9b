# The two commands: `make run` and `make test`. Each installs what it needs first.
# `make bench` prints the appeals benchmark's figures (bench/README.md); not a test.
BUILD ?= build
JOBS ?= 2
DB ?= sqlite:silian-data/silian.db
LISTEN ?= 127.0.0.1:8080
SILIAN = $(BUILD)/src/silian
BENCH_COUNT ?= 1000000

.PHONY: run test bench build deps deps-test format clean

run: deps build
	$(SILIAN) migrate --db $(DB)
	$(SILIAN) demo --db $(DB)
	$(SILIAN) serve --db $(DB) --listen $(LISTEN)

test: deps-test build
	scripts/run-tests.sh $(BUILD)

bench: deps
	BUILD=$(abspath $(BUILD)) bench/run.sh --count $(BENCH_COUNT)

build:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

deps:
	scripts/install-deps.sh run

deps-test:
	scripts/install-deps.sh test

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD)
