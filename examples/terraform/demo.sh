#!/usr/bin/env bash
# The Terraform provider against paradigm-fake, offline, through
# dev_overrides: apply, an empty plan, a rename in place, drift repaired,
# then destroy. `make demo` runs it; it needs Go and Terraform >= 1.11.
set -euo pipefail
cd "$(dirname "$0")/../.."
GO=${GO:-go}
echo "terraform demo: offline, against paradigm-fake, with the provider built from this repository"
if ! command -v terraform >/dev/null 2>&1; then
	echo "terraform demo: skipped: no terraform on PATH (go install github.com/hashicorp/terraform@v1.11.4)"
	exit 0
fi
work=$(mktemp -d)
fake=
cleanup() {
	if [ -n "$fake" ]; then kill "$fake" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

(cd terraform-provider-paradigm && "$GO" build -o "$work/bin/terraform-provider-paradigm" .)
"$GO" build -o "$work/paradigm-fake" ./cmd/paradigm-fake
"$GO" build -o "$work/paradigm" ./cmd/paradigm
cat > "$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "paradigm-go/paradigm" = "$work/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE=$work/terraformrc TF_IN_AUTOMATION=1

# Offline: the fake or nothing, whatever key is exported.
unset PARADIGM_API_KEY PARADIGM_BASE_URL
# One native tool, as a company's Paradigm has, for the agent main.tf declares.
printf '{"native_tools": [{"id": "%s", "name": "web_search", "require_document": false}]}\n' \
	3d6a1f0c-8b2e-4c5d-9e7f-0a1b2c3d4e5f >"$work/seed.json"
"$work/paradigm-fake" --quiet --seed "$work/seed.json" >"$work/env" 2>"$work/fake.log" &
fake=$!
for _ in $(seq 200); do
	[ "$(wc -l <"$work/env")" -ge 2 ] && break
	sleep 0.05
done
if [ "$(wc -l <"$work/env")" -lt 2 ] || ! kill -0 "$fake" 2>/dev/null; then
	echo "terraform demo: paradigm-fake did not start; stopping (nothing was sent anywhere)" >&2
	exit 1
fi
set -a
# shellcheck disable=SC1091
. "$work/env"
set +a
export TF_VAR_docs_token="demo-token-$RANDOM$RANDOM" # a variable of the environment, never argv
mkdir "$work/tf" && cp examples/terraform/main.tf "$work/tf/"
cd "$work/tf"
tf() { echo "\$ terraform $*"; terraform "$@" -no-color 2>&1 | grep -v -e "dev_overrides" -e "^ - paradigm-go" -e "^│" -e "^╷" -e "^╵" -e "^$" || true; }

TF_LOG=trace TF_LOG_PATH="$work/trace.log" tf apply -auto-approve
id=$(terraform output -raw server_id)
if grep -q "$TF_VAR_docs_token" "$work/trace.log" terraform.tfstate; then
	echo "terraform demo: the credential is in the trace log or the state" >&2
	exit 1
fi
echo "(TF_LOG=trace: $(wc -l <"$work/trace.log") log lines, the credential in none of them, nor in the state)"

echo "\$ terraform plan -detailed-exitcode   # nothing to do"
terraform plan -detailed-exitcode -no-color >/dev/null 2>&1

tf apply -auto-approve -var docs_name=docs-search-renamed   # a rename, in place

echo "\$ paradigm mcp update $id --enabled=false   # drift, made outside Terraform"
"$work/paradigm" mcp update "$id" --enabled=false >/dev/null
set +e
terraform plan -detailed-exitcode -no-color -var docs_name=docs-search-renamed >/dev/null 2>&1
drift=$?
set -e
[ "$drift" = 2 ] || { echo "terraform demo: the drift was not planned (exit $drift)" >&2; exit 1; }
tf apply -auto-approve -var docs_name=docs-search-renamed   # drift repaired
"$work/paradigm" mcp get "$id" | grep -E "^(name|enabled):"

tf destroy -auto-approve -var docs_name=docs-search-renamed
"$work/paradigm" mcp get "$id" | grep -E "^enabled:"   # disabled, not deleted: the API has no delete

kill -TERM "$fake"
wait "$fake"
fake=
if grep -q "contract violation" "$work/fake.log"; then
	echo "terraform demo: the fake saw contract violations:" >&2
	cat "$work/fake.log" >&2
	exit 1
fi
echo "terraform demo: done"
