package paradigmtest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/paradigm-go/sdk/gen"
)

// formFields reads an application/x-www-form-urlencoded or multipart/form-data
// body into its fields (the first value of each). isForm is false for any
// other content type.
func formFields(r *http.Request, body []byte) (fields map[string]string, isForm bool, err error) {
	mt, params, perr := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if perr != nil {
		return nil, false, nil
	}
	fields = map[string]string{}
	switch mt {
	case "application/x-www-form-urlencoded":
		values, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, true, err
		}
		for k, v := range values {
			fields[k] = v[0]
		}
		return fields, true, nil
	case "multipart/form-data":
		clone := r.Clone(r.Context())
		clone.Body = io.NopCloser(bytes.NewReader(body))
		clone.Header.Set("Content-Type", mime.FormatMediaType(mt, params))
		if err := clone.ParseMultipartForm(1 << 20); err != nil { // #nosec G120 -- body was read through a 1 MiB limit
			return nil, true, err
		}
		for k, v := range clone.MultipartForm.Value {
			fields[k] = v[0]
		}
		return fields, true, nil
	}
	return nil, false, nil
}

// formTypes are the non-string fields of the request schemas; forms carry
// every value as text.
var formTypes = map[string]string{"enabled": "boolean", "authorized_company_id": "integer"}

// formNullable lists, per operation, the fields DRF reads as null when a form
// sends them empty (a nullable field that does not allow blanks).
var formNullable = map[gen.Operation]map[string]bool{
	gen.OpApiV3McpCreate: {"credentials": true},
	gen.OpApiV3McpPartialUpdate: {"name": true, "url": true, "authentication_method": true, "credentials": true, "enabled": true,
		"availability_scope": true, "authorized_company_id": true, "authorized_group_id": true},
}

// formToJSON builds the JSON body DRF's form parsing amounts to: booleans
// from DRF's accepted words, integers, and null for an empty nullable field.
// A value that does not convert stays text, so validation reports it.
func formToJSON(op gen.Operation, fields map[string]string) []byte {
	out := make(map[string]any, len(fields))
	for k, v := range fields {
		switch {
		case v == "" && formNullable[op][k]:
			out[k] = nil
		case formTypes[k] == "boolean":
			switch strings.ToLower(v) {
			case "true", "t", "yes", "y", "on", "1":
				out[k] = true
			case "false", "f", "no", "n", "off", "0":
				out[k] = false
			default:
				out[k] = v
			}
		case formTypes[k] == "integer":
			if n, err := strconv.Atoi(v); err == nil {
				out[k] = n
			} else {
				out[k] = v
			}
		default:
			out[k] = v
		}
	}
	b, _ := json.Marshal(out)
	return b
}

// asJSONRequest returns r with body as its JSON body.
func asJSONRequest(r *http.Request, body []byte) *http.Request {
	clone := r.Clone(r.Context())
	clone.Header.Set("Content-Type", "application/json")
	clone.Body = io.NopCloser(bytes.NewReader(body))
	clone.ContentLength = int64(len(body))
	return clone
}
