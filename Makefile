# paradigm-go: every target runs on a fresh clone with only Go installed.
# `make test` is THE test command (CI runs it through .ci/run).

GO            ?= go
GOLANGCI_LINT ?= $(GO) run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0
FUZZTIME      ?= 30s
# Minimising a new input defaults to 60 s, longer than FUZZTIME: a target
# would spend most of its time there. Keep it short so each gets its FUZZTIME.
FUZZMINIMIZETIME ?= 2s
BENCHSTAT     ?= $(GO) run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
BENCHCOUNT    ?= 6
OASDIFF       ?= $(GO) run github.com/oasdiff/oasdiff@v1.35.0
# The revision spec-diff compares the working tree's spec against.
BASE          ?= HEAD
# Every fuzz target of package paradigm and its internal packages, found in
# their test files, as package-folder:FuzzName.
FUZZ_TARGETS  := $(shell grep -o '^func Fuzz[A-Za-z0-9_]*' paradigm/*_test.go paradigm/internal/*/*_test.go | sed 's|/[^/]*_test\.go:func |:|')

.DEFAULT_GOAL := help
.PHONY: help generate check-generated spec-diff test lint cover demo fuzz bench provider-docs check-provider-docs release mirror-test

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

spec-diff: ## What changed in api/openapi-v3.yaml against BASE (default HEAD), in API terms: breaking and non-breaking (oasdiff).
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	git show "$(BASE):api/openapi-v3.yaml" > "$$tmp/base.yaml" && \
	out=$$($(OASDIFF) changelog --color never --allow-external-refs=false "$$tmp/base.yaml" api/openapi-v3.yaml) && \
	if [ -z "$$out" ] || [ "$$out" = "No changes detected" ]; then \
		echo "spec-diff: no changes in api/openapi-v3.yaml against $(BASE)"; \
	else \
		echo "spec-diff: api/openapi-v3.yaml against $(BASE):"; echo "$$out"; \
		echo "spec-diff: next, make generate; go build ./... names what to adapt; make test."; \
	fi

# The Terraform provider is a module of its own (SDK importers never download
# Terraform's libraries): tested, vetted and linted from its folder.
PROVIDER      := terraform-provider-paradigm
TFPLUGINDOCS  ?= $(GO) run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs@v0.25.0

test: check-generated check-provider-docs ## THE test command: check-generated, provider docs, go vet, go test -race (SDK and provider).
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...
	cd $(PROVIDER) && $(GO) vet ./... && $(GO) test -race -count=1 ./...

provider-docs: ## Regenerate the provider's docs/ with tfplugindocs (needs terraform on PATH).
	cd $(PROVIDER) && $(TFPLUGINDOCS) generate --provider-name paradigm

check-provider-docs: ## Fail, naming the files, when the provider's committed docs/ are stale.
	@if ! command -v terraform >/dev/null 2>&1; then \
		if [ -n "$$PARADIGM_TF_ACC_REQUIRED" ]; then echo "check-provider-docs: no terraform on PATH"; exit 1; fi; \
		echo "check-provider-docs: skipped: no terraform on PATH (go install github.com/hashicorp/terraform@v1.11.4)"; exit 0; \
	fi; \
	snap=$$(mktemp -d) && trap 'rm -rf "$$snap"' EXIT && cp -R $(PROVIDER)/docs "$$snap/docs" && \
	(cd $(PROVIDER) && $(TFPLUGINDOCS) generate --provider-name paradigm >/dev/null) && \
	if ! diff -r -q "$$snap/docs" $(PROVIDER)/docs >/dev/null; then \
		echo "check-provider-docs: $(PROVIDER)/docs is stale; regenerated, these differ:"; \
		diff -r -q "$$snap/docs" $(PROVIDER)/docs | sed 's/^/  /'; \
		echo "check-provider-docs: commit the regenerated docs (make provider-docs)."; exit 1; \
	fi; echo "check-provider-docs: $(PROVIDER)/docs matches the schema and examples"

# make release's settings (.ci/release reads them; docs/release.md). Besides
# Go, a release needs git, GNU tar and coreutils, gzip and zip (gpg to sign);
# mirror-test needs Terraform too.
VERSION         ?=
PLATFORMS       ?=
GPG_FINGERPRINT ?=
RELEASE_LOCAL   ?=

release: ## dist/ for VERSION=X.Y.Z: archives, the provider in the registry's layout, sums, notes (docs/release.md).
	@GO="$(GO)" VERSION="$(VERSION)" PLATFORMS="$(PLATFORMS)" GPG_FINGERPRINT="$(GPG_FINGERPRINT)" \
		RELEASE_LOCAL="$(RELEASE_LOCAL)" bash .ci/release

mirror-test: ## Release HEAD for this platform, install the provider from a filesystem mirror, apply/plan/destroy against paradigm-fake.
	@GO="$(GO)" bash .ci/mirror-test

lint: ## golangci-lint v2 (pinned, run with go run; see .golangci.yml), on the SDK and on the provider.
	$(GOLANGCI_LINT) run ./...
	cd $(PROVIDER) && $(GOLANGCI_LINT) run --config ../.golangci.yml ./...

cover: ## Coverage per package (writes cover.out).
	$(GO) test -count=1 -coverprofile=cover.out ./... | sed 's/^/  /'
	@$(GO) tool cover -func=cover.out | tail -n 1

demo: ## The SDK's job end to end (examples/quickstart), the command against paradigm-fake (examples/cli), then Terraform (examples/terraform); offline unless PARADIGM_DEMO_LIVE=1.
	@$(GO) run ./examples/quickstart
	@echo
	@GO=$(GO) bash examples/cli/demo.sh
	@echo
	@GO=$(GO) bash examples/terraform/demo.sh

fuzz: ## Run every fuzz target for FUZZTIME each (default 30s); make test runs their seed corpora only.
	@# go test's status, not tee's, decides (sh has no pipefail). A target fails only if it wrote a reproducer. Go 1.26's coordinator can report "context deadline
	@# exceeded" at the FUZZTIME boundary with no crasher (go.dev/issue/75804, fixed in Go 1.27): said, not failed.
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; f=$${t##*:}; \
		echo "== $$f ($$pkg) for $(FUZZTIME)"; \
		dir=$$pkg/testdata/fuzz/$$f; before=$$(ls $$dir 2>/dev/null | sort); \
		log=$$(mktemp); \
		if { $(GO) test ./$$pkg -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME) 2>&1; \
			echo $$? > $$log.rc; } | tee $$log && [ "$$(cat $$log.rc)" = 0 ]; then \
			rm -f $$log $$log.rc; continue; \
		fi; \
		rm -f $$log.rc; after=$$(ls $$dir 2>/dev/null | sort); \
		if [ "$$before" = "$$after" ] && grep -q "context deadline exceeded" $$log; then \
			echo "fuzz: $$f: Go's fuzz coordinator deadline race (go.dev/issue/75804), no reproducer written: not a failure"; \
			rm -f $$log; continue; \
		fi; \
		rm -f $$log; echo "fuzz: $$f failed; its reproducer is in $$dir"; exit 1; \
	done

bench: ## Benchmarks (raw net/http floor vs gen vs paradigm), benchstat, and the ratio table; writes bench.txt.
	@# Rounds of one process per implementation, in an order that rotates from round to round, so raw,
	@# gen and paradigm share any drift in machine load and none always runs last.
	@rm -f bench.txt; $(GO) test -c -o paradigm.test ./paradigm || exit 1; \
	orders="raw,gen,paradigm paradigm,raw,gen gen,paradigm,raw raw,paradigm,gen paradigm,gen,raw gen,raw,paradigm"; \
	run() { (cd paradigm && ../paradigm.test -test.run '^$$' -test.bench "$$1" -test.benchmem -test.count 1 \
		-test.cpu 1,2 -test.timeout 60m) >> bench.txt || exit 1; }; \
	for i in $$(seq $(BENCHCOUNT)); do \
		echo "== round $$i of $(BENCHCOUNT)" >&2; \
		order=$$(echo $$orders | cut -d' ' -f$$(( (i - 1) % 6 + 1 )) | tr , ' '); \
		for impl in $$order; do \
			run "^Benchmark(Create|Update|CreateParallel|UpdateParallel|DecodeMCPServer)$$/^impl=$$impl$$" || exit 1; \
			run "^BenchmarkListAgents$$/./^impl=$$impl$$" || exit 1; \
		done; \
		run '^Benchmark(NextMCPServers|NestedErrorBody|ErrorBodySize)$$' || exit 1; \
	done; rm -f paradigm.test
	@grep '^Benchmark' bench.txt
	$(BENCHSTAT) -col /impl bench.txt
	@echo; echo "Ratios against the raw floor (means over $(BENCHCOUNT) runs; allocs+ = paradigm allocs - raw allocs):"
	@awk "$$BENCH_RATIO_AWK" bench.txt

define BENCH_RATIO_AWK
# Reads `go test -bench` output with sub-benchmarks named impl=raw|gen|paradigm
# and prints the mean of each metric as ratios against impl=raw (impl=gen for
# the pure encode/decode pairs, which have no raw).
/^Benchmark.*\/impl=/ {
	split($$1, parts, "/impl=")
	base = parts[1]; rest = parts[2]; cpu = 1
	if (match(rest, /-[0-9]+$$/)) { cpu = substr(rest, RSTART + 1); rest = substr(rest, 1, RSTART - 1) }
	key = base " " cpu
	if (!(key in seen)) { seen[key] = 1; order[++n] = key }
	for (i = 3; i < NF; i += 2) { sum[key, rest, $$(i + 1)] += $$i; cnt[key, rest, $$(i + 1)]++ }
}
function mean(k, impl, unit) { return cnt[k, impl, unit] ? sum[k, impl, unit] / cnt[k, impl, unit] : -1 }
function cns(k, impl,   v) { v = mean(k, impl, "conns/op"); return v < 0 ? "-" : sprintf("%.4f", v) }
function ratio(k, impl, base, unit,   a, b) { a = mean(k, impl, unit); b = mean(k, base, unit); return (a < 0 || b <= 0) ? "   -" : sprintf("%5.2f", a / b) }
END {
	printf "%-34s %4s %8s %10s %10s %9s %9s %12s %9s\n", "benchmark", "cpu", "base ns", "para/raw", "gen/raw", "allocs+", "B ratio", "conns/op(p)", "conns(raw)"
	for (j = 1; j <= n; j++) {
		k = order[j]; split(k, kk, " "); base = cnt[k, "raw", "ns/op"] ? "raw" : "gen"
		printf "%-34s %4s %8.0f %10s %10s %9.1f %9s %12s %9s\n", kk[1], kk[2], mean(k, base, "ns/op"),
			ratio(k, "paradigm", base, "ns/op"), (base == "raw" ? ratio(k, "gen", base, "ns/op") : "   -"),
			mean(k, "paradigm", "allocs/op") - mean(k, base, "allocs/op"), ratio(k, "paradigm", base, "B/op"),
			cns(k, "paradigm"), cns(k, base)
	}
}
endef
export BENCH_RATIO_AWK
