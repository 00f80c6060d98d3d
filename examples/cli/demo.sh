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
mcp=
cleanup() {
	if [ -n "$fake" ]; then kill "$fake" 2>/dev/null || true; fi
	if [ -n "$mcp" ]; then kill "$mcp" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

"$GO" build -o "$work/paradigm" ./cmd/paradigm
"$GO" build -o "$work/mcp-server" ./examples/mcp-server
agent=1
name="cli demo"
if [ "$live" = 1 ]; then
	agent=${PARADIGM_DEMO_AGENT_ID:-}
	name="cli demo $(date -u +%Y%m%dT%H%M%SZ)"
else
	"$GO" build -o "$work/paradigm-fake" ./cmd/paradigm-fake
	# Offline means the fake or nothing: a key exported for the real tenant
	# must never be used, even when the fake fails to start.
	unset PARADIGM_API_KEY PARADIGM_BASE_URL
	# One native tool, as a company's Paradigm has, for the agent create below.
	printf '{"native_tools": [{"id": "%s", "name": "web_search", "require_document": false}]}\n' \
		3d6a1f0c-8b2e-4c5d-9e7f-0a1b2c3d4e5f >"$work/seed.json"
	"$work/paradigm-fake" --discover-tools --quiet --seed "$work/seed.json" >"$work/env" 2>"$work/fake.log" &
	fake=$!
	for _ in $(seq 200); do
		[ "$(wc -l <"$work/env")" -ge 2 ] && break
		sleep 0.05
	done
	if [ "$(wc -l <"$work/env")" -lt 2 ] || ! kill -0 "$fake" 2>/dev/null; then
		echo "demo.sh: paradigm-fake did not start; stopping (nothing was sent anywhere)" >&2
		cat "$work/fake.log" >&2
		exit 1
	fi
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

# A real MCP server (examples/mcp-server), its token from the environment.
token="demo-token-$RANDOM$RANDOM"
MCP_SERVER_TOKEN=$token "$work/mcp-server" >"$work/mcp.env" 2>"$work/mcp.log" &
mcp=$!
for _ in $(seq 200); do
	[ -s "$work/mcp.env" ] && break
	sleep 0.05
done
mcp_url=$(sed -n 's/^MCP_SERVER_URL=//p' "$work/mcp.env")
printf '%s\n' "$token" >"$work/token"
echo "examples/mcp-server is serving at $mcp_url"
run mcp probe --url "$mcp_url" --credentials-file "$work/token"
echo "\$ paradigm mcp probe --url $mcp_url   # no token: the probe says why, before anything is registered"
"$paradigm" mcp probe --url "$mcp_url" --auth none || true
if [ "$live" != 1 ]; then
	run mcp create --name "example tools" --url "$mcp_url" --credentials-file "$work/token" --probe
	example_id=$("$paradigm" mcp create --name "example tools (json)" --url "$mcp_url" \
		--credentials-file "$work/token" --probe -o json 2>/dev/null | sed -n 's/^  "id": "\(.*\)",$/\1/p')
	for _ in $(seq 100); do
		"$paradigm" mcp tools "$example_id" | grep -q word_count && break
		sleep 0.1
	done
	run mcp tools "$example_id"   # discovered by paradigm-fake --discover-tools, as Paradigm would
	echo "\$ go run ./examples/probe   # the same job with the SDK: mcpprobe, then a fake that discovers tools"
	MCP_SERVER_URL=$mcp_url MCP_SERVER_TOKEN=$token "$GO" run ./examples/probe
fi
kill "$mcp" 2>/dev/null || true

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
	echo "agent create skipped live: the API cannot delete an agent"
	exit 0
fi
run tools list
printf 'Answer from the documentation; cite the page.\n' >"$work/instructions.md"
run agents create --name "Docs assistant" --company-id 1 --group-id 1 --ownership team \
	--instructions-file "$work/instructions.md" --native-tool-id 3d6a1f0c-8b2e-4c5d-9e7f-0a1b2c3d4e5f --mcp-server-id "$id"

kill -TERM "$fake"
wait "$fake"
fake=
if grep -q "contract violation" "$work/fake.log"; then
	echo "demo: the fake saw contract violations:" >&2
	cat "$work/fake.log" >&2
	exit 1
fi
echo "paradigm-fake stopped cleanly"
