package paradigm

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/paradigm/internal/engine"
	"github.com/paradigm-go/sdk/paradigm/internal/errorbody"
)

// fragmentSecret is 36 bytes, none of which JSON or URLs escape, so every
// 8-byte window of it is distinctive.
const fragmentSecret = "k9Qz7Wm2Xp4Lr8Tn6Vb1Hs5Jd3Fg0Ac2Ey7U" // #nosec G101 -- a test canary, not a credential

// TestNoSecretFragmentSurvivesACut puts the credential at every offset
// around each cut the error path makes (the key-path cap, the collection
// budget, the Message cap, the kept Body, the read limit) and checks that
// no 8-byte window of it survives in Error(), %+v, Message, FieldErrors,
// Body, the request ID or a slog line.
func TestNoSecretFragmentSurvivesACut(t *testing.T) {
	t.Parallel()
	require.Len(t, fragmentSecret, 36)
	pad := func(n int) string { return strings.Repeat("p", max(n, 0)) }
	// Each shape puts the secret's first byte at offset o of the text that
	// is cut, with cut the position of that cut.
	shapes := []struct {
		name string
		cut  int
		body func(o int) string
	}{
		// "f: " + key is cut at errorbody.MaxKeyPath.
		{"key path cap", errorbody.MaxKeyPath, func(o int) string {
			return `{"f":{"` + pad(o-len("f: ")) + fragmentSecret + `":["bad"]}}`
		}},
		// A nested message's key path echoes it; top-level keys are kept whole.
		{"top-level key", errorbody.MaxKeyPath, func(o int) string {
			return `{"` + pad(o) + fragmentSecret + `":["bad"]}`
		}},
		// Messages are collected up to errorbody.MaxCollected bytes.
		{"collection budget", errorbody.MaxCollected, func(o int) string {
			return `{"f":["` + pad(o-len("f: ")) + fragmentSecret + `tail"]}`
		}},
		// detail becomes Message, cut at errorbody.MaxMessage.
		{"message cap", errorbody.MaxMessage, func(o int) string {
			return `{"detail":"` + pad(o) + fragmentSecret + `tail"}`
		}},
		// The body is kept up to engine.MaxErrorBodyKept bytes.
		{"body cap", engine.MaxErrorBodyKept, func(o int) string {
			return `{"x":"` + pad(o-len(`{"x":"`)) + fragmentSecret + `"}`
		}},
		// The body is read up to engine.MaxErrorBodyRead bytes.
		{"read limit", engine.MaxErrorBodyRead, func(o int) string {
			return `{"detail":"d","x":"` + pad(o-len(`{"detail":"d","x":"`)) + fragmentSecret + `"}`
		}},
	}
	for _, shape := range shapes {
		srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			o, _ := strconv.Atoi(r.Header.Get("X-Offset"))
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("X-Request-Id", "req-"+r.Header.Get("X-Offset"))
			// 503 (retried once, so a slog line carries the error) where the
			// body is small; the megabyte bodies are answered once.
			if shape.cut > errorbody.MaxCollected {
				w.WriteHeader(400)
			} else {
				w.WriteHeader(503)
			}
			_, _ = w.Write([]byte(shape.body(o)))
		})
		for o := shape.cut - len(fragmentSecret) - 4; o <= shape.cut+4; o++ {
			t.Run(fmt.Sprintf("%s/offset %d", shape.name, o-shape.cut), func(t *testing.T) {
				t.Parallel()
				var logs syncBuffer
				c := newTestClient(t, srv.URL, WithMaxRetries(1), WithHeader("X-Offset", strconv.Itoa(o)),
					WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
				_, err := c.MCPServers.Update(context.Background(), testID,
					MCPServerUpdateParams{Credentials: Value(Secret(fragmentSecret))})
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				for where, text := range map[string]string{
					"Error()": err.Error(), "%+v": fmt.Sprintf("%v %+v", err, apiErr), "Message": apiErr.Message,
					"FieldErrors": fmt.Sprint(apiErr.FieldErrors), "Body": string(apiErr.Body),
					"request ID": apiErr.RequestID, "slog": logs.String(),
				} {
					for i := 0; i+8 <= len(fragmentSecret); i++ {
						if strings.Contains(text, fragmentSecret[i:i+8]) {
							t.Errorf("bytes %d-%d of the secret survive in %s", i, i+8, where)
							break
						}
					}
				}
			})
		}
	}
}
