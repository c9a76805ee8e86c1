# portal (issue 2): the demo's victim. docs/portal.md explains the API, chaos and settings.

.PHONY: portal-run bench-portal

portal-run: ## Run the portal on :8080 from this checkout (admin API on with PORTAL_ADMIN_TOKEN=...)
	$(MVN) -q -pl portal -am package -DskipTests
	java -jar portal/target/portal-*.jar

bench-portal: ## Benchmark the portal: startup to readiness, RSS after 10k requests, wrk with metrics on/off
	bench/portal.sh
