# auto-healer (issue 5): the remediation CronJob. `make heal` (mk/cluster.mk) runs it in the
# cluster; these run it from this machine. docs/auto-healer.md explains the rules and settings.

.PHONY: heal-dry-run bench-auto-healer

heal-dry-run: ## Run the auto-healer once from here against the current kubectl context, writing nothing (DRY_RUN=true)
	$(MVN) -q -pl auto-healer -am package -DskipTests
	DRY_RUN=true java -jar auto-healer/target/auto-healer-*.jar

bench-auto-healer: ## Benchmark one auto-healer run over 1k/5k/20k pods: API requests (flat) and wall time
	bench/auto-healer.sh
