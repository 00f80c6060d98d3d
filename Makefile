# paradigm-go: every target runs on a fresh clone with only Go installed.
# `make test` is THE test command (CI runs it through .ci/run).

GO            ?= go
GOLANGCI_LINT ?= $(GO) run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0
FUZZTIME      ?= 30s
# Every fuzz target of package paradigm, found in its test files.
FUZZ_TARGETS  := $(shell grep -ho '^func Fuzz[A-Za-z0-9_]*' paradigm/*_test.go | cut -c6-)

.DEFAULT_GOAL := help
.PHONY: help generate check-generated test lint cover demo fuzz

help: ## Show this help.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

generate: ## Regenerate gen/ from api/openapi-v3.yaml (oapi-codegen, pinned in tools.go).
	$(GO) generate ./gen/...

check-generated: ## Regenerate gen/ and fail, naming the files, if it differs from what is checked in.
	@snap=$$(mktemp -d) && trap 'rm -rf "$$snap"' EXIT && \
	cp -R gen "$$snap/gen" && \
	$(GO) generate ./gen/... && \
	if ! diff -r -q "$$snap/gen" gen >/dev/null; then \
		echo "check-generated: gen/ is stale; these files changed when regenerated:"; \
		diff -r -q "$$snap/gen" gen | sed -e 's|^Files .* and \(.*\) differ$$|  \1|' -e 's|^Only in '"$$snap"'/\(.*\): |  removed: \1/|' -e 's|^Only in \(gen.*\): |  added: \1/|'; \
		echo "check-generated: commit the regenerated files (now in the tree) with the spec or config change."; \
		exit 1; \
	fi; \
	if command -v git >/dev/null 2>&1 && git rev-parse --git-dir >/dev/null 2>&1; then \
		dirty=$$(git status --porcelain -- gen api); \
		if [ -n "$$dirty" ]; then \
			echo "check-generated: gen/ is up to date but differs from the commit:"; \
			echo "$$dirty" | sed 's/^/  /'; \
			if [ -n "$$CI" ]; then exit 1; fi; \
		fi; \
	fi; \
	echo "check-generated: gen/ matches api/ and its configuration"

test: check-generated ## THE test command: check-generated, go vet, go test -race.
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

lint: ## golangci-lint v2 (pinned, run with go run; see .golangci.yml).
	$(GOLANGCI_LINT) run ./...

cover: ## Coverage per package (writes cover.out).
	$(GO) test -count=1 -coverprofile=cover.out ./... | sed 's/^/  /'
	@$(GO) tool cover -func=cover.out | tail -n 1

demo: ## Run examples/quickstart: create, rename, disable, remove credentials (offline unless PARADIGM_API_KEY is set).
	$(GO) run ./examples/quickstart

fuzz: ## Run every fuzz target for FUZZTIME each (default 30s); make test runs their seed corpora only.
	@for f in $(FUZZ_TARGETS); do \
		echo "== $$f for $(FUZZTIME)"; \
		$(GO) test ./paradigm -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; \
	done
