# SRE Playground — the user's entry point. `make help` lists every target.
#
# Targets are grouped by area: this file holds the build and test core; mk/*.mk add the areas
# (local stack, cluster demo, GitOps, Terraform, benchmarks). Every target has a `## ` line: that is
# what `make help` prints.

SHELL := /usr/bin/env bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

MVN ?= ./mvnw -B -ntp
# Java 25 for every recipe: ./mvnw, the scripts and the tests' child `java` processes run on the JDK
# scripts/jdk.sh picks (JAVA_HOME, else `java` on PATH, else the newest in /usr/lib/jvm, if >= 25),
# also where the default `java` is older. Without one, Maven's Enforcer and the scripts say so.
JDK_HOME := $(shell scripts/jdk.sh 2>/dev/null)
ifneq ($(JDK_HOME),)
export JAVA_HOME := $(JDK_HOME)
export PATH := $(JDK_HOME)/bin:$(PATH)
endif
# Extra checks areas add to `make test` (each mk/*.mk appends its own).
TEST_TARGETS :=

include $(sort $(wildcard mk/*.mk))

.PHONY: help build test java-test lint format build-images

help: ## List every target with one line of help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_.-]+:.*## / {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}' \
		$(MAKEFILE_LIST) | sort

build: ## Compile, package and install every module (tests skipped) into ~/.m2
	$(MVN) -q install -DskipTests

test: lint java-test $(TEST_TARGETS) ## Run every check: lint, all Maven tests, and each area's checks
	@echo "make test: all checks passed"

java-test: ## Run the Maven tests of every module (unit, HTTP, real-binary tests)
	$(MVN) verify

lint: ## Check formatting and style: Java (Spotless), YAML, shell, JSON
	scripts/lint.sh

format: ## Apply the Java formatter (google-java-format via Spotless) to the whole tree
	$(MVN) -q spotless:apply

# The service images; each gets a JDK 25 AOT cache trained in the image (docs/jvm-runtime.md).
IMAGE_MODULES := portal load-generator mock-slack batch-sync auto-healer gitops

build-images: ## Build every service image with Jib and its AOT cache into <module>/target/jib-image.tar (needs Docker; JIB_FROM=tar:///base.tar for offline)
	$(MVN) -q package -DskipTests
	MVN='$(MVN) -q' JIB_FROM='$(JIB_FROM)' scripts/train-aot-cache.sh $(IMAGE_MODULES)
	$(MVN) -q package jib:buildTar -DskipTests $(if $(JIB_FROM),-Djib.from.image=$(JIB_FROM))
