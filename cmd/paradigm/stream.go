package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"strings"
	"text/tabwriter"
)

// rows is how a listing prints its items of type T: a second list command
// costs only its rows.
type rows[T any] struct {
	header []string
	// cells is an item's table row, each cell already escaped (value, text).
	cells func(T) []string
	// raw is the item as the API sent it, for -o json.
	raw func(T) []byte
	// verbatim writes the items as JSON whatever -o, without refusing an
	// ambiguous one: for api --paginate, whose output has no text form for
	// JSON to disagree with. cells is then unused.
	verbatim bool
}

// stream prints the items of a page-number listing that keep accepts, as
// it reads them, so memory stays one page whatever the total: a table
// flushed every listStep rows, or one JSON array of the API's objects
// written one object at a time; none is the line for an empty table. An
// error ends the output (the JSON array closed, so stdout stays one valid
// document) and is returned; before any item was printed, stdout stays
// empty, never "none" or [].
func stream[T any](c *cli, items iter.Seq2[T, error], r rows[T], keep func(T) (bool, error), none string) error {
	out := &streamOut[T]{rows: r, c: c, none: none}
	for item, err := range items {
		if err == nil {
			var ok bool
			if ok, err = keep(item); err == nil && ok {
				err = out.add(item)
			}
		}
		if err != nil {
			if out.n > 0 {
				_ = out.end() // what was read stays one valid document; the error is the one to report
			}
			return err // nothing read: no "none" line, no [], which a script would take for "none"
		}
	}
	return out.end()
}

// listStep is how many table rows are buffered for alignment before they
// are written.
const listStep = 100

// streamOut writes a listing's items as they come.
type streamOut[T any] struct {
	rows[T]
	c     *cli
	none  string
	n     int
	table *tabwriter.Writer
	buf   bytes.Buffer // one object's indented JSON, reused
}

// add writes one item: its JSON in the array, or its table row.
func (s *streamOut[T]) add(item T) error {
	raw := s.raw(item)
	if !s.verbatim {
		if err := unambiguous(raw); err != nil {
			return err
		}
	}
	defer func() { s.n++ }()
	if s.asJSON() {
		if s.c.terminal {
			escaped, err := escapedJSON(raw)
			if err != nil {
				return err
			}
			raw = escaped
		}
		sep := ",\n"
		if s.n == 0 {
			sep = "[\n"
		}
		s.buf.Reset()
		s.buf.WriteString(sep)
		s.buf.WriteString("  ")
		if err := json.Indent(&s.buf, raw, "  ", "  "); err != nil {
			return err
		}
		_, err := s.c.stdout.Write(s.buf.Bytes())
		return err
	}
	if s.table == nil {
		s.table = tabwriter.NewWriter(s.c.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(s.table, strings.Join(s.header, "\t"))
	}
	fmt.Fprintln(s.table, strings.Join(s.cells(item), "\t"))
	if (s.n+1)%listStep == 0 {
		return s.table.Flush()
	}
	return nil
}

// asJSON reports whether the items are written as one JSON array.
func (s *streamOut[T]) asJSON() bool { return s.verbatim || s.c.output == "json" }

// end closes the output: the JSON array, or the table (or the none line).
func (s *streamOut[T]) end() error {
	switch {
	case s.asJSON() && s.n == 0:
		_, err := fmt.Fprintln(s.c.stdout, "[]")
		return err
	case s.asJSON():
		_, err := fmt.Fprintln(s.c.stdout, "\n]")
		return err
	case s.table != nil:
		return s.table.Flush()
	}
	_, err := fmt.Fprintln(s.c.stdout, s.none)
	return err
}
