#!/usr/bin/env bash
# The paradigm command against the standalone fake (cmd/paradigm-fake), as a
# shell script or a CI job would use them: register an MCP server with a
# token from stdin, give it to the default agent, see it among the agent's
# tools, find who uses it, take it back. `make demo` runs it after the Go
# quickstart; it needs only Go (and bash).
set -euo pipefail
cd "$(dirname "$0")/../.."
GO=${GO:-go}
work=$(mktemp -d)
fake=
cleanup() {
	if [ -n "$fake" ]; then kill "$fake" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

"$GO" build -o "$work/paradigm" ./cmd/paradigm
"$GO" build -o "$work/paradigm-fake" ./cmd/paradigm-fake
"$work/paradigm-fake" --quiet >"$work/env" 2>"$work/fake.log" &
fake=$!
for _ in $(seq 200); do
	[ "$(wc -l <"$work/env")" -ge 2 ] && break
	sleep 0.05
done
set -a
# shellcheck disable=SC1091
. "$work/env" # PARADIGM_BASE_URL=http://127.0.0.1:... and PARADIGM_API_KEY=...
set +a
echo "paradigm-fake is serving at $PARADIGM_BASE_URL"
paradigm=$work/paradigm

run() {
	echo "\$ paradigm $*"
	"$paradigm" "$@"
}

echo '$ printf '"'"'demo-token\n'"'"' | paradigm mcp create --name "cli demo" --url https://mcp.example.com/sse --credentials-file - --output json'
created=$(printf 'demo-token\n' | "$paradigm" mcp create --name "cli demo" --url https://mcp.example.com/sse --credentials-file - --output json)
echo "$created"
id=$(echo "$created" | sed -n 's/^  "id": "\(.*\)",$/\1/p')
run agents list --default
run agents attach 1 "$id"
run agents tools 1
run mcp used-by "$id"
run agents detach 1 "$id"
run mcp used-by "$id"

kill -TERM "$fake"
wait "$fake"
fake=
if grep -q "contract violation" "$work/fake.log"; then
	echo "demo: the fake saw contract violations:" >&2
	cat "$work/fake.log" >&2
	exit 1
fi
echo "paradigm-fake stopped cleanly"
