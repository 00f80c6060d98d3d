package engine

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWithoutQuery(t *testing.T) {
	t.Parallel()
	plain := errors.New("no URL here")
	same := &url.Error{Op: "Get", URL: "https://p.example.test/api/v3/mcp/1", Err: context.DeadlineExceeded}
	tests := []struct {
		name    string
		in      error
		wantURL string // "" for an error returned as it is
	}{
		{"not a url.Error", plain, ""},
		{"no query", same, ""},
		{"a query", &url.Error{Op: "Get", URL: "https://p.example.test/api/v3/x?token=s3cr3t&a=b", Err: context.DeadlineExceeded},
			"https://p.example.test/api/v3/x"},
		{"user info and a fragment", &url.Error{Op: "Post", URL: "https://u:pw@p.example.test/api/v3/x#f", Err: context.DeadlineExceeded}, // #nosec G101 -- a test canary
			"https://p.example.test/api/v3/x"},
		{"a URL that does not parse", &url.Error{Op: "Get", URL: "http://[::1/x?token=s3cr3t", Err: context.DeadlineExceeded},
			"(a URL that does not parse)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := withoutQuery(tt.in)
			if tt.wantURL == "" {
				assert.Same(t, tt.in, got)
				return
			}
			var ue *url.Error
			if assert.ErrorAs(t, got, &ue) {
				assert.Equal(t, tt.wantURL, ue.URL)
			}
			assert.ErrorIs(t, got, context.DeadlineExceeded, "what the transport said is kept")
			assert.NotContains(t, got.Error(), "s3cr3t")
			assert.NotContains(t, got.Error(), "pw@")
		})
	}
}
