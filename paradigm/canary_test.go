package paradigm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The canary is the API key and the credentials in every call below; it
// must never show up in an error, a log line or a formatted value. Checks
// use strings.Contains so a failure message never prints the canary itself.
const canary = "CANARY-7f3d9a1e-secret"

// syncBuffer is a log sink safe for concurrent handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func assertNoCanary(t *testing.T, where, text string) {
	t.Helper()
	if strings.Contains(text, canary) {
		t.Errorf("the secret canary leaked into %s", where)
	}
}

func formatAll(v any) string {
	var b strings.Builder
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		fmt.Fprintf(&b, verb+"\n", v)
	}
	return b.String()
}

func TestSecretsNeverLeak(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.Level(-8), AddSource: true}))
	textLogs := &syncBuffer{}
	textLogger := slog.New(slog.NewTextHandler(textLogs, &slog.HandlerOptions{Level: slog.Level(-8)}))

	// A hostile server echoes everything it received in its error bodies.
	echo := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			msg, _ := json.Marshal(r.Header.Get("Authorization") + " " + string(body))
			fmt.Fprintf(w, `{"detail":%s,"credentials":[%s],"error_body":%q}`, msg, msg, string(body))
		}
	}

	opts := []Option{WithAPIKey(canary), WithLogger(logger), WithMaxRetries(1)}
	var errs []error
	for _, status := range []int{400, 401, 403, 404, 409, 418, 429, 500, 502, 503, 504} {
		srv := newRecorder(t, echo(status))
		c := newTestClient(t, srv.URL, opts...)
		_, err := c.MCPServers.Create(context.Background(), MCPServerCreateParams{
			Name: "n", URL: "https://m.example.com", Credentials: canary})
		require.Error(t, err)
		errs = append(errs, err)
		_, err = c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{
			Credentials: Value[Secret](canary)}, WithLogger(textLogger))
		require.Error(t, err)
		errs = append(errs, err)
	}

	c := newTestClient(t, "http://127.0.0.1:1", opts...) // nothing listens on port 1
	_, err := c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{Credentials: Value[Secret](canary)})
	require.Error(t, err)
	errs = append(errs, err)

	// Validation errors, including one whose URL would carry the key (url method).
	for _, p := range []MCPServerCreateParams{
		{Name: "n", URL: "ftp://h/?apiKey=" + canary, Credentials: canary},
		{Name: "", URL: "http://h", AuthMethod: AuthNone, Credentials: canary},
		{Name: "n", URL: "http://h", AuthMethod: AuthMethod(canary)[:0] + "bad", Credentials: canary},
	} {
		_, err := c.MCPServers.Create(context.Background(), p)
		require.ErrorIs(t, err, ErrInvalidParams)
		errs = append(errs, err)
	}
	_, err = c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{
		AuthMethod: Value(AuthNone), Credentials: Value[Secret](canary), URL: Value("mailto:" + canary)})
	require.ErrorIs(t, err, ErrInvalidParams)
	errs = append(errs, err)

	for i, err := range errs {
		assertNoCanary(t, fmt.Sprintf("error %d", i), formatAll(err))
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			assertNoCanary(t, fmt.Sprintf("error %d body", i), string(apiErr.Body)+fmt.Sprint(apiErr.FieldErrors))
		}
	}
	require.NotEmpty(t, logs.String(), "debug logging was on")
	assertNoCanary(t, "JSON debug logs", logs.String())
	assertNoCanary(t, "text debug logs", textLogs.String())

	// Formatted values.
	values := map[string]any{
		"client":         c,
		"client value":   *c,
		"option":         WithAPIKey(canary),
		"secret":         Secret(canary),
		"create params":  MCPServerCreateParams{Name: "n", URL: "http://h", Credentials: canary},
		"update params":  MCPServerUpdateParams{Credentials: Value[Secret](canary)},
		"optional":       Value(Secret(canary)),
		"pointer params": &MCPServerUpdateParams{Credentials: Value[Secret](canary)},
	}
	for name, v := range values {
		assertNoCanary(t, name, formatAll(v))
		var b bytes.Buffer
		slog.New(slog.NewTextHandler(&b, nil)).Info("value", "v", v)
		slog.New(slog.NewJSONHandler(&b, nil)).Info("value", "v", v, "secret", Secret(canary))
		if name != "create params" && name != "update params" && name != "pointer params" {
			// Params are the wire form in JSON on purpose; everything else is redacted.
			assertNoCanary(t, name+" in slog", b.String())
		}
	}
}

func TestSecretFormatting(t *testing.T) {
	t.Parallel()
	s := Secret("tok")
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%10s"} {
		assert.Equal(t, "[REDACTED]", fmt.Sprintf(verb, s), verb)
	}
	assert.Equal(t, "[REDACTED]", s.LogValue().String())
	b, err := json.Marshal(struct{ C Secret }{s})
	require.NoError(t, err)
	assert.JSONEq(t, `{"C":"[REDACTED]"}`, string(b), "JSON never shows the value: the wire goes through gen's models")
	assert.Equal(t, "tok", string(s))

	assert.Equal(t, "<omitted>", fmt.Sprint(Optional[Secret]{}))
	assert.Equal(t, "<null>", fmt.Sprint(Null[Secret]()))
	assert.Equal(t, "[REDACTED]", fmt.Sprintf("%#v", Value(s)))
	assert.Equal(t, "  42", fmt.Sprintf("%4d", Value(42)), "the verb and flags reach the value")
}
