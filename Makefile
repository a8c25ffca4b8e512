# The two commands every user needs:
#   make demo   install what is missing, build (Release), run the main job on the bundled sample
#   make test   build and run the whole test suite
BUILD ?= build
JOBS  ?= $(shell nproc)
DB    ?= demo.duckdb

.PHONY: setup build demo test asan bench clean

setup:
	@bash scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@bash scripts/demo.sh $(BUILD)/courtside $(DB)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan: setup
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCOURTSIDE_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ctest --output-on-failure -j $(JOBS)

bench: build
	@bash bench/run_all.sh $(BUILD)

clean:
	rm -rf $(BUILD) build-asan
