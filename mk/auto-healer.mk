# auto-healer (issue 5): the remediation CronJob. `make heal` (mk/cluster.mk) runs it in the
# cluster; these run it from this machine. docs/auto-healer.md explains the rules and settings.

.PHONY: heal-dry-run bench-auto-healer

heal-dry-run: ## Run the auto-healer once from here against the current kubectl context, writing nothing (DRY_RUN=true)
	$(MVN) -q -pl auto-healer -am package -DskipTests
	DRY_RUN=true java -jar auto-healer/target/auto-healer-*.jar

bench-auto-healer: ## Benchmark auto-healer runs: wall time over 5k pods old (Java 17) vs new (Java 25 + AOT cache); API requests over 1k/5k/20k pods
	bench/auto-healer.sh
