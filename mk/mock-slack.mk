# mock-slack (issue 3): run it alone, send it sample notifications, benchmark it.
# docs/mock-slack.md describes the APIs and settings.

MOCKSLACK_URL ?= http://localhost:8081
MOCKSLACK_FIXTURES := mock-slack/src/test/resources/fixtures/alertmanager-0.25

.PHONY: mock-slack-run mock-slack-sample mock-slack-bench

mock-slack-run: ## Run mock-slack alone on http://localhost:8081 (SERVER_PORT, MOCKSLACK_STORE_PATH, MOCKSLACK_MAX_MESSAGES apply)
	$(MVN) -q -pl mock-slack -am package -DskipTests
	java -jar mock-slack/target/mock-slack-0.1.0-SNAPSHOT.jar

mock-slack-sample: ## Post real Alertmanager notifications (both APIs, firing and resolved) to a running mock-slack
	@for f in slack-default-firing slack-custom-firing slack-custom-resolved; do \
	  curl -fsS -H 'Content-Type: application/json' --data @$(MOCKSLACK_FIXTURES)/$$f.json \
	    $(MOCKSLACK_URL)/services/T000/B000/XXX >/dev/null && echo "posted $$f"; done
	@for f in webhook-firing webhook-resolved; do \
	  curl -fsS -H 'Content-Type: application/json' --data @$(MOCKSLACK_FIXTURES)/$$f.json \
	    '$(MOCKSLACK_URL)/api/alertmanager?channel=%23alerts-critical' >/dev/null && echo "posted $$f"; done
	@echo "open $(MOCKSLACK_URL)/"

mock-slack-bench: ## Benchmark mock-slack: wrk ingest of Slack posts (>= 3,000/s) and a 100,000-post flood (~1 min)
	bench/mock-slack.sh
