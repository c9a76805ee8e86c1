# Game days (docs/drills.md): scripted incident drills with a report card under .local/drills/.
# Settings: MODE (local|cluster, default: whichever is up), SCENARIO (default: all), PLAYER, DRY_RUN.

DRILL_JAR := drill/target/drill-0.1.0-SNAPSHOT.jar
DRILL_SOURCES := drill/pom.xml $(shell find drill/src/main -type f 2>/dev/null)
PLAYER ?=
DRY_RUN ?=

.PHONY: drill drill-local

$(DRILL_JAR): $(DRILL_SOURCES)
	$(MVN) -q -pl drill -am package -DskipTests

drill: $(DRILL_JAR) ## Run the game-day drills: MODE=local|cluster SCENARIO=<name> PLAYER=<you> (docs/drills.md)
	MODE="$(filter-out all,$(MODE))" SCENARIO="$(filter-out all,$(SCENARIO))" PLAYER="$(PLAYER)" DRY_RUN="$(DRY_RUN)" scripts/drill.sh

drill-local: $(DRILL_JAR) ## Every local-mode drill on a fresh local stack (local-up/local-down around it); part of make test
	scripts/drill-local.sh

# The drills run the real alert path; `make test` (and so .ci/run) includes them.
TEST_TARGETS += drill-local
