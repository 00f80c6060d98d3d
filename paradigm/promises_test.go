package paradigm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// windows lists every 8-byte window of secret.
func windows(secret string) []string {
	var out []string
	for i := 0; i+8 <= len(secret); i++ {
		out = append(out, secret[i:i+8])
	}
	return out
}

// assertNoWindow fails when text holds any 8-byte window of secret, without
// printing text (it may hold the secret).
func assertNoWindow(t *testing.T, secret, text, where string) {
	t.Helper()
	for _, w := range windows(secret) {
		if strings.Contains(text, w) {
			t.Errorf("%s holds a piece of the secret (at %d)", where, strings.Index(text, w))
			return
		}
	}
}

// Issue "Promises kept", case 4: nothing the server says escapes the
// scrubber, decode errors and differently escaped bodies included.
func TestNothingTheServerSaysEscapesTheScrubber(t *testing.T) {
	t.Parallel()
	const key = "sk-canary-0123456789abcdefghijklmn" // #nosec G101 -- a test canary, not a credential
	const creds = "cred-canary-ZYXWVUTSRQPONMLKJIH"  // #nosec G101 -- a test canary
	escaped := `\u0073` + key[1:]                    // "sk-..." with its first letter escaped another way
	tests := []struct {
		name   string
		answer http.HandlerFunc
	}{
		{"an agent's created_at echoes the key", respond(200, strings.Replace(agentJSON, `"created_at":"`,
			`"created_at":"`+key+`","x":"`, 1))},
		{"a field of the wrong type echoes the key", respond(201, strings.Replace(serverJSON, `"enabled":true`,
			`"enabled":"`+key+`"`, 1))},
		{"the content type echoes the key", respond(201, serverJSON, "Content-Type", "text/"+key)},
		{"the content type echoes the credentials", respond(201, serverJSON, "Content-Type", "text/"+creds)},
		{"an error body escapes the key differently", respond(400, `{"detail":"bad key `+escaped+`","name":["`+escaped+`"]}`)},
		{"an error body escapes the credentials differently", respond(400, `{"credentials":["\u0063`+creds[1:]+`"]}`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newRecorder(t, tt.answer)
			c := newTestClient(t, srv.URL, WithAPIKey(key))
			var info ResponseInfo
			var err error
			if strings.Contains(tt.name, "agent") {
				_, err = c.Agents.Update(context.Background(), 7, AgentUpdateParams{Name: Value("a")}, WithResponseInto(&info))
			} else {
				_, err = c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "https://m",
					AuthMethod: AuthBearerToken, Credentials: creds}, WithResponseInto(&info))
			}
			require.Error(t, err)
			for _, secret := range []string{key, creds} {
				assertNoWindow(t, secret, err.Error(), "Error()")
				assertNoWindow(t, secret, fmt.Sprintf("%+v", err), "%+v")
				assertNoWindow(t, secret, string(info.Body), "ResponseInfo.Body")
				var apiErr *APIError
				if errors.As(err, &apiErr) {
					assertNoWindow(t, secret, string(apiErr.Body), "APIError.Body")
					assertNoWindow(t, secret, fmt.Sprint(apiErr.FieldErrors), "APIError.FieldErrors")
				}
			}
		})
	}

	// A success whose body escapes the key another way: ResponseInfo.Body
	// is scrubbed and still the same JSON; Raw is the server's data.
	srv := newRecorder(t, respond(200, strings.Replace(serverJSON, `"name":"docs"`, `"name":"`+escaped+`"`, 1)))
	var info ResponseInfo
	got, err := newTestClient(t, srv.URL, WithAPIKey(key)).MCPServers.Get(context.Background(), testID, WithResponseInto(&info))
	require.NoError(t, err)
	assertNoWindow(t, key, string(info.Body), "ResponseInfo.Body")
	var again MCPServer
	require.NoError(t, json.Unmarshal(info.Body, &again), "the scrubbed body is still the answer's JSON")
	assert.Equal(t, got.ID, again.ID)
	assert.Equal(t, redacted, again.Name)
	assert.Contains(t, string(got.Raw), escaped, "Raw stays as sent")
}

// Case 5: credentials equal to the marker once trimmed are refused.
func TestPaddedRedactionMarkersAreRefused(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"[REDACTED]", "[REDACTED] ", " [REDACTED]", "[REDACTED]\n", "\t[REDACTED]\r\n"} {
		t.Run(fmt.Sprintf("%q", v), func(t *testing.T) {
			t.Parallel()
			err := MCPServerCreateParams{Name: "n", URL: "https://m", Credentials: Secret(v)}.Validate()
			require.ErrorIs(t, err, ErrInvalidParams)
			err = MCPServerUpdateParams{Credentials: Value(Secret(v))}.Validate()
			require.ErrorIs(t, err, ErrInvalidParams)
			var s Secret
			assert.Error(t, s.UnmarshalText([]byte(v)))
			var p MCPServerCreateParams
			b, _ := json.Marshal(v)
			assert.Error(t, json.Unmarshal([]byte(`{"name":"n","url":"https://m","credentials":`+string(b)+`}`), &p))
		})
	}
}

// Case 5: params JSON with a key twice, or in two cases, is an error naming
// the key, never "the last one wins".
func TestParamsJSONRefusesAmbiguousKeys(t *testing.T) {
	t.Parallel()
	for _, doc := range []string{
		`{"url":"https://good","URL":"https://evil","name":"n"}`,
		`{"name":"n","url":"https://m","credentials":"good","credentialſ":"evil"}`, // ſ folds to s, as encoding/json matches
		`{"name":"n","url":"https://m","authentication_method":"none","authentication_method":"url"}`,
		`{"name":"n","url":"https://good","url":"https://evil"}`,
		`{"name":"n","Name":"m","url":"https://good"}`,
	} {
		var create MCPServerCreateParams
		err := json.Unmarshal([]byte(doc), &create)
		require.ErrorIs(t, err, ErrAmbiguousJSON, doc)
		assert.Contains(t, strings.ToLower(err.Error()), "appears twice", doc)
		var update MCPServerUpdateParams
		require.ErrorIs(t, json.Unmarshal([]byte(doc), &update), ErrAmbiguousJSON, doc)
	}
	assert.NoError(t, CheckJSONKeys([]byte(`{"a":{"url":1},"b":{"url":2},"c":[{"x":1},{"x":2}]}`)),
		"the same key in two objects is fine")
}

// Case 5: an Agent, an MCPTool and AgentTools marshal to the API's JSON and
// read it back.
func TestAgentsAndToolsRoundTripThroughJSON(t *testing.T) {
	t.Parallel()
	var agent Agent
	require.NoError(t, json.Unmarshal([]byte(agentJSON), &agent))
	out, err := json.Marshal(agent)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"is_default":`)
	assert.NotContains(t, string(out), `"Raw"`)
	assert.NotContains(t, string(out), `"IsDefault"`)
	var back Agent
	require.NoError(t, json.Unmarshal(out, &back), "%s", out)
	back.Raw, agent.Raw = nil, nil
	assert.Equal(t, agent, back)

	var tools []MCPTool
	require.NoError(t, json.Unmarshal([]byte(toolsJSON), &tools))
	out, err = json.Marshal(tools)
	require.NoError(t, err)
	var toolsBack []MCPTool
	require.NoError(t, json.Unmarshal(out, &toolsBack))
	assert.Equal(t, tools, toolsBack)
	assert.Error(t, json.Unmarshal([]byte(`[{"id":"x"}]`), &toolsBack), "a tool without its required fields")

	set := AgentTools{Native: tools, MCPServers: []MCPServer{}}
	var srv MCPServer
	require.NoError(t, json.Unmarshal([]byte(serverJSON), &srv))
	set.MCPServers = append(set.MCPServers, srv)
	out, err = json.Marshal(set)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"mcp_servers":[`)
	var setBack AgentTools
	require.NoError(t, json.Unmarshal(out, &setBack))
	for i := range setBack.MCPServers {
		setBack.MCPServers[i].Raw, set.MCPServers[i].Raw = nil, nil
	}
	assert.Equal(t, set, setBack)
}

// ErrOutcomeUnknown's doc gives advice the API allows.
func TestOutcomeUnknownAdviceIsPossible(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("errors.go")
	require.NoError(t, err)
	assert.NotContains(t, string(src), "look for the server by name)", "the API cannot list servers by name")
	assert.Contains(t, string(src), "unique name")
}

// Review of case 4: bodies that are not one JSON value, a server echoing a
// piece of the key, and the error chain keep no piece of a secret.
func TestScrubberCatchesEveryShape(t *testing.T) {
	t.Parallel()
	const key = "sk-canary-0123456789abcdefghijklmn" // #nosec G101 -- a test canary
	escaped := `\u0073` + key[1:]
	for name, answer := range map[string]http.HandlerFunc{
		"trailing bytes after the JSON":  respond(400, `{"detail":"bad key `+escaped+`"} x`),
		"two JSON values":                respond(400, `{"detail":"`+escaped+`"}{"a":1}`),
		"a body cut at the 1 MiB limit":  respond(400, `{"detail":"`+escaped+`","pad":"`+strings.Repeat("a", 2<<20)+`"}`),
		"an HTML page":                   respond(502, `<html><p>`+key+`</p></html>`, "Content-Type", "text/html"),
		"a piece of the key echoed":      respond(401, `{"detail":"Incorrect API key `+key[:16]+`****"}`),
		"a piece in a field error":       respond(400, `{"name":["not `+key[5:20]+`"]}`),
		"an agent's created_at, decoded": respond(200, strings.Replace(agentJSON, `"created_at":"`, `"created_at":"`+key+`","x":"`, 1)),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newRecorder(t, answer)
			var info ResponseInfo
			_, err := newTestClient(t, srv.URL, WithAPIKey(key)).Agents.Get(context.Background(), 7, WithResponseInto(&info))
			require.Error(t, err)
			assertNoWindow(t, key, err.Error(), "Error()")
			assertNoWindow(t, key, fmt.Sprintf("%+v", err), "%+v")
			for e := err; e != nil; e = errors.Unwrap(e) {
				assertNoWindow(t, key, e.Error(), fmt.Sprintf("%T in the chain", e))
			}
			var parseErr *time.ParseError
			if errors.As(err, &parseErr) {
				assertNoWindow(t, key, parseErr.Value, "a *time.ParseError found with errors.As")
			}
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				assertNoWindow(t, key, string(apiErr.Body), "APIError.Body")
				assertNoWindow(t, key, apiErr.Message, "APIError.Message")
				assertNoWindow(t, key, fmt.Sprint(apiErr.FieldErrors), "APIError.FieldErrors")
			}
			assertNoWindow(t, key, string(info.Body), "ResponseInfo.Body")
		})
	}
}
