#!/usr/bin/env bash
# The paradigm command against the standalone fake (cmd/paradigm-fake), as a
# shell script or a CI job would use them: register an MCP server with a
# token from stdin, give it to the default agent, see it among the agent's
# tools, find who uses it, take it back. `make demo` runs it after the Go
# quickstart; it needs only Go (and bash). Offline unless PARADIGM_DEMO_LIVE=1,
# and even then the agent steps run only on PARADIGM_DEMO_AGENT_ID.
set -euo pipefail
cd "$(dirname "$0")/../.."
GO=${GO:-go}
# Offline unless asked: an exported PARADIGM_API_KEY must never make a demo
# write to a real tenant (the API has no delete).
live=${PARADIGM_DEMO_LIVE:-}
if [ "$live" = 1 ]; then
	echo "demo.sh: LIVE (PARADIGM_DEMO_LIVE=1): writing to ${PARADIGM_BASE_URL:-https://paradigm.lighton.ai}; the server it creates stays"
else
	echo "demo.sh: offline, against paradigm-fake (PARADIGM_DEMO_LIVE=1 to use the real API)"
fi
work=$(mktemp -d)
fake=
cleanup() {
	if [ -n "$fake" ]; then kill "$fake" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

"$GO" build -o "$work/paradigm" ./cmd/paradigm
agent=1
name="cli demo"
if [ "$live" = 1 ]; then
	agent=${PARADIGM_DEMO_AGENT_ID:-}
	name="cli demo $(date -u +%Y%m%dT%H%M%SZ)"
else
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
fi
paradigm=$work/paradigm

run() {
	echo "\$ paradigm $*"
	"$paradigm" "$@"
}

echo '$ printf '"'"'demo-token\n'"'"' | paradigm mcp create --name "'"$name"'" --url https://mcp.example.com/sse --credentials-file - -o json'
created=$(printf 'demo-token\n' | "$paradigm" mcp create --name "$name" --url https://mcp.example.com/sse --credentials-file - -o json)
echo "$created"
id=$(echo "$created" | sed -n 's/^  "id": "\(.*\)",$/\1/p')
run mcp get "$id"
if [ -z "$agent" ]; then
	echo "agent steps skipped: set PARADIGM_DEMO_AGENT_ID to an agent of yours to run them"
	exit 0
fi
run agents list --default
run agents attach "$agent" "$id"
run agents tools "$agent"
run mcp used-by "$id"
run agents detach "$agent" "$id"
run mcp used-by "$id"
if [ "$live" = 1 ]; then
	exit 0
fi

kill -TERM "$fake"
wait "$fake"
fake=
if grep -q "contract violation" "$work/fake.log"; then
	echo "demo: the fake saw contract violations:" >&2
	cat "$work/fake.log" >&2
	exit 1
fi
echo "paradigm-fake stopped cleanly"
