# Benchmarks (issue 9): `make bench` measures every figure beside its baseline and writes
# docs/performance.md. Not part of `make test` (too slow, too noisy); `make test` only checks that the
# scripts still parse (bench-check) and the baseline app compiles (it is a module of the build).

.PHONY: bench bench-check

bench: ## Run the benchmark suite (~40 min on 2 cores) and write docs/performance.md
	bench/run-all.sh

bench-check: ## Check the benchmark scripts parse (run by make test)
	@for f in bench/*.sh; do bash -n "$$f" || exit 1; done; echo "bench-check: $$(ls bench/*.sh | wc -l) scripts parse"

TEST_TARGETS += bench-check
