# The two commands of the README, and a few more for daily work.
.PHONY: run stop status test deps build lint format fuzz

run:      ## Install what is missing, build, and start the demo (platform + assistant + SoftHSM token)
	scripts/demo.sh start
stop:     ## Stop the demo
	scripts/demo.sh stop
status:
	scripts/demo.sh status
test:     ## Run every test (lint, unit, integration with real tokens and servers) and print a summary
	scripts/test.sh
deps:
	scripts/install-deps.sh
build:
	swift build
lint:
	swift format lint --strict -r Sources Tests Fuzz Package.swift
format:
	swift format -i -r Sources Tests Fuzz Package.swift
fuzz:     ## Fuzz every parser for 30 s each (libFuzzer, docs/fuzzing.md; one target: scripts/fuzz.sh TARGET SECONDS)
	scripts/fuzz.sh --all 30
