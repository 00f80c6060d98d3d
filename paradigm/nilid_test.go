package paradigm

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An answer whose id is the nil UUID, or cannot be read, is never a server:
// a caller would keep an ID it can never read back (Terraform stored
// 00000000-… and every later plan failed). After a write the server may
// have acted, so the error is an *InvalidResponseError that matches
// ErrOutcomeUnknown, with the answer's status in ResponseInfo.
func TestNilOrUnreadableIDIsNeverAServer(t *testing.T) {
	t.Parallel()
	withID := func(id string) string { return strings.Replace(serverJSON, `"`+testID.String()+`"`, id, 1) }
	bodies := map[string]string{
		"nil UUID":         withID(`"` + uuid.Nil.String() + `"`),
		"nil UUID, braced": withID(`"{` + uuid.Nil.String() + `}"`),
		"not a UUID":       withID(`"not-a-uuid"`),
		"empty":            withID(`""`),
		"a number":         withID(`0`),
		"null":             withID(`null`),
	}
	calls := []struct {
		name    string
		status  int
		applied bool
		call    func(c *Client, info *ResponseInfo) (*MCPServer, error)
	}{
		{"create", http.StatusCreated, true, func(c *Client, info *ResponseInfo) (*MCPServer, error) {
			return c.MCPServers.Create(context.Background(), MCPServerCreateParams{Name: "n", URL: "https://m"}, WithResponseInto(info))
		}},
		{"update", http.StatusOK, true, func(c *Client, info *ResponseInfo) (*MCPServer, error) {
			return c.MCPServers.Update(context.Background(), testID, MCPServerUpdateParams{Enabled: Value(true)}, WithResponseInto(info))
		}},
		{"get", http.StatusOK, false, func(c *Client, info *ResponseInfo) (*MCPServer, error) {
			return c.MCPServers.Get(context.Background(), testID, WithResponseInto(info))
		}},
	}
	for name, body := range bodies {
		for _, tc := range calls {
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				t.Parallel()
				srv := newRecorder(t, respond(tc.status, body))
				c := newTestClient(t, srv.URL)
				var info ResponseInfo
				got, err := tc.call(c, &info)
				assert.Nil(t, got, "no server")
				var invalid *InvalidResponseError
				require.ErrorAs(t, err, &invalid)
				assert.ErrorIs(t, err, ErrInvalidResponse)
				assert.Equal(t, tc.applied, invalid.Applied)
				assert.Equal(t, tc.applied, errors.Is(err, ErrOutcomeUnknown), "the write may have happened")
				assert.Equal(t, tc.status, invalid.StatusCode)
				assert.Equal(t, tc.status, info.StatusCode)
				assert.Equal(t, 1, info.Attempts)
				assert.Len(t, srv.requests(), 1, "never resent")
				if name == "nil UUID" {
					assert.Contains(t, err.Error(), "nil UUID")
				}
				if tc.name == "create" {
					assert.Contains(t, err.Error(), "the MCP server may have been created")
				}
			})
		}
	}
}
