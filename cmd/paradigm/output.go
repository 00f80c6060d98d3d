package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/paradigm-go/sdk/paradigm"
)

// Text mode writes what the server said through value (field values, table
// cells) or escape (error lines); JSON mode writes the answer's own bytes,
// indented, after checking that they mean one thing.

// printServer writes one server: aligned field lines, or the API's JSON.
func (c *cli) printServer(s *paradigm.MCPServer) error {
	if err := unambiguous(s.Raw); err != nil {
		return err
	}
	if c.output == "json" {
		return c.printJSON(s.Raw)
	}
	return c.printFields([][2]string{
		{"id", s.ID.String()}, {"name", value(s.Name)}, {"url", text(s.URL)}, {"authentication_method", value(string(s.AuthMethod))},
		{"has_credentials", strconv.FormatBool(s.HasCredentials)}, {"enabled", strconv.FormatBool(s.Enabled)},
		{"availability_scope", value(string(s.AvailabilityScope))}, {"is_global", strconv.FormatBool(s.IsGlobal)},
		{"company_id", text(s.CompanyID)}, {"group_id", text(s.GroupID)}, {"object", value(s.Object)},
	})
}

// printFields writes aligned "field: value" lines; values are already safe.
func (c *cli) printFields(lines [][2]string) error {
	w := tabwriter.NewWriter(c.stdout, 0, 0, 1, ' ', 0)
	for _, line := range lines {
		fmt.Fprintf(w, "%s:\t%s\n", line[0], line[1])
	}
	return w.Flush()
}

// printTools writes the tools: a table, or the API's JSON array as received.
func (c *cli) printTools(tools []paradigm.MCPTool, raw []byte) error {
	if err := unambiguous(raw); err != nil {
		return err
	}
	if c.output == "json" {
		return c.printJSON(raw)
	}
	if len(tools) == 0 {
		_, err := fmt.Fprintln(c.stdout, "No tools (Paradigm lists a server's tools once it has reached it).")
		return err
	}
	return c.printTable([]string{"ID", "NAME", "TYPE", "MCP SERVER", "NEEDS DOCUMENT", "FILE TYPES"}, toolRows(tools))
}

func toolRows(tools []paradigm.MCPTool) [][]string {
	rows := make([][]string, len(tools))
	for i, t := range tools {
		types := absentMarker
		if v, ok := t.AcceptedFileTypes.Get(); ok {
			quoted := make([]string, len(v))
			for j, ft := range v {
				quoted[j] = value(ft)
			}
			types = strings.Join(quoted, ",")
		} else if t.AcceptedFileTypes.IsNull() {
			types = nullMarker
		}
		rows[i] = []string{value(t.ID), value(t.Name), value(string(t.Type)), text(t.MCPServerName), text(t.RequireDocument), types}
	}
	return rows
}

// printTable writes a header and rows whose cells are already safe: value
// escapes tabs and newlines, so a cell never breaks the table.
func (c *cli) printTable(header []string, rows [][]string) error {
	w := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, strings.Join(header, "\t"))
	for _, row := range rows {
		fmt.Fprintln(w, strings.Join(row, "\t"))
	}
	return w.Flush()
}

// printJSON writes an answer's own JSON, indented; on a terminal, with its
// control, format and separator characters escaped (escapedJSON), as text
// mode escapes values: the same data, whichever output was asked for.
func (c *cli) printJSON(raw []byte) error {
	if c.terminal {
		escaped, err := escapedJSON(raw)
		if err != nil {
			return err
		}
		raw = escaped
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return err
	}
	b.WriteByte('\n')
	_, err := c.stdout.Write(b.Bytes())
	return err
}

// text shows an Optional: its value (strings by value's rule), null, or -
// when absent.
func text[T any](o paradigm.Optional[T]) string {
	if v, ok := o.Get(); ok {
		if s, isString := any(v).(string); isString {
			return value(s)
		}
		return value(fmt.Sprint(v))
	}
	if o.IsNull() {
		return nullMarker
	}
	return absentMarker
}

// errAmbiguous is an answer that two readers could read differently.
var errAmbiguous = errors.New("paradigm: invalid answer")

// unambiguous refuses an answer in which an object has the same key twice,
// or two keys that differ only in case: encoding/json (and so text mode)
// takes the last case-insensitive match, while jq takes the exact key, so
// text and --output json would disagree about it.
func unambiguous(raw []byte) error {
	if err := paradigm.CheckJSONKeys(raw); err != nil {
		return fmt.Errorf("%w: %w; refusing to print it", errAmbiguous, err)
	}
	return nil
}
