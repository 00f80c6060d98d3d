// Package pager reads the API's page-number lists (DRF's count, next,
// previous, results) one page at a time, generic over the item, and never
// trusts a page to be honest: no item is yielded twice, a server cannot
// make the listing loop or repeat pages, a listing that shrank while it was
// read ends with a ChangedError rather than missing items silently, and
// the pager holds one page, plus the keys of the items already yielded,
// whatever the total. The services of package paradigm give it a fetch
// function (their row, their item type, their filters) and turn its errors
// into the public types.
package pager

import (
	"encoding/json"
	"fmt"
	"iter"
	"reflect"

	"github.com/oapi-codegen/nullable"

	"github.com/paradigm-go/sdk/paradigm/internal/wire"
)

// Page is one page of a list, as the pager reads it.
type Page[T any] struct {
	// Count is how many items the server says match, across every page.
	Count int
	// HasNext reports whether the server's next link is set. The pager
	// asks for the next page by number, never through that link.
	HasNext bool
	// Items are the page's items, in the server's order.
	Items []T
}

// List is one listing: how to fetch a page, how to tell items apart, and
// how to name them in errors.
type List[T any, K comparable] struct {
	// Fetch reads page n, counting from 1.
	Fetch func(n int) (*Page[T], error)
	// Key returns an item's identity; items with the same key are yielded
	// once.
	Key func(T) K
	// Vanished reports whether a Fetch error is the server's answer for a
	// page past the last one (DRF's 404 "Invalid page.").
	Vanished func(error) bool
	// Noun names one item in errors ("agent").
	Noun string
}

// ChangedError ends a listing whose later pages show items removed while
// it was read: a page that vanished (Err is the fetch's error) or a count
// lower than the page before (Removed says by how much). The items after
// the removed ones moved onto pages already read, so some would be missed.
type ChangedError struct {
	Page, Listed, Removed int
	Err                   error
}

// Error names the page; package paradigm words the public error.
func (e *ChangedError) Error() string {
	return fmt.Sprintf("page %d changed after %d were listed", e.Page, e.Listed)
}

// ContradictionError ends a listing whose pages contradict each other
// (a page that brings nothing new while next says more follow, next past
// what the first count allows). Page is the page that broke the rule.
type ContradictionError struct {
	Page int
	Err  error
}

// Error says which rule the page broke.
func (e *ContradictionError) Error() string { return e.Err.Error() }

// Unwrap returns the rule's error.
func (e *ContradictionError) Unwrap() error { return e.Err }

// All yields every item of the listing, fetching a page only once the
// caller has consumed the previous one. It follows next and trusts no page:
//   - an item already yielded (by Key) is never yielded again: pages
//     shift when items are added while listing;
//   - a page that brings no new item while next says more follow ends the
//     listing with a *ContradictionError (a server or proxy that ignores
//     ?page, or repeats a page);
//   - so does next past what the first page's count allows by more than a
//     page (that count divided by the first page's size, plus one): a count
//     that keeps growing cannot keep the listing growing;
//   - a low count never stops it while next says more pages follow;
//   - a page that vanished, or a count lower than the page before's, ends
//     it with a *ChangedError.
//
// An error from Fetch (after its own retries) is yielded once, after the
// items already read, and ends the iteration.
func (l List[T, K]) All() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		seen := make(map[K]struct{})
		pageSize, lastCount, maxPages, firstCount := 0, 0, 0, 0
		for n := 1; ; n++ {
			p, err := l.Fetch(n)
			if err != nil {
				if n > 1 && l.Vanished != nil && l.Vanished(err) {
					err = &ChangedError{Page: n, Listed: len(seen), Err: err}
				}
				yield(zero, err)
				return
			}
			if n > 1 && p.Count < lastCount {
				yield(zero, &ChangedError{Page: n, Listed: len(seen), Removed: lastCount - p.Count})
				return
			}
			lastCount = p.Count
			fresh := 0
			for _, item := range p.Items {
				k := l.Key(item)
				if _, dup := seen[k]; dup {
					continue
				}
				seen[k] = struct{}{}
				fresh++
				if !yield(item, nil) {
					return
				}
			}
			if !p.HasNext {
				return
			}
			if n == 1 {
				pageSize, firstCount = len(p.Items), p.Count
				maxPages = (p.Count+max(pageSize, 1)-1)/max(pageSize, 1) + 1
			}
			if fresh == 0 {
				yield(zero, &ContradictionError{Page: n, Err: fmt.Errorf("page %d brings no %s not already listed, and its "+
					"next says more pages follow (a server or proxy that ignores ?page, or repeats a page)", n, l.Noun)})
				return
			}
			if n >= maxPages {
				yield(zero, &ContradictionError{Page: n, Err: fmt.Errorf("page %d says more pages follow, past what the "+
					"count of %d at %d per page allows", n, firstCount, pageSize)})
				return
			}
		}
	}
}

// Model is what the pager reads of one list's page model from gen (P, such
// as gen.PaginatedAgentList) and of its item (G, such as gen.Agent).
type Model[P, G any] struct {
	page    wire.Model
	results wire.RawList
	fields  func(*P) (count int, next nullable.Nullable[string], results []G)
	// item decodes one item of a bare array; nil when the list is always
	// paged.
	item func(raw []byte, dst *G) error
}

// ModelOf builds a list's Model at package initialisation; fields returns
// the page's count, next and results.
func ModelOf[P, G any](fields func(*P) (count int, next nullable.Nullable[string], results []G)) Model[P, G] {
	return Model[P, G]{page: wire.ModelOf[P](), results: wire.RawListOf[P, G](), fields: fields}
}

// OrArray returns the Model of a list whose answer may also be a bare JSON
// array of G (the spec's oneOf of an array and a page envelope): the list
// the server did not page, read as its only page. G is a gen model, whose
// required fields are checked, or json.RawMessage.
func (m Model[P, G]) OrArray() Model[P, G] {
	if t := reflect.TypeFor[G](); t.Kind() == reflect.Struct {
		itemModel := wire.ModelOf[G]()
		m.item = func(raw []byte, dst *G) error { return wire.DecodeModel(itemModel, raw, dst) }
	} else {
		m.item = func(raw []byte, dst *G) error { return json.Unmarshal(raw, dst) }
	}
	return m
}

// Decode reads page n of a list: a page envelope, through gen's page model,
// which names the required fields it lacks (count, results, each item's);
// or, for a Model that allows it, a bare array as page 1, the form picked
// by the body's first byte that is not white space. convert makes the
// SDK's item from gen's and the item's own bytes.
func Decode[P, G, T any](m Model[P, G], data []byte, n int, convert func(*G, []byte) T) (*Page[T], error) {
	if m.item != nil && isArray(data) {
		if n > 1 {
			return nil, fmt.Errorf("a bare array, where page 1 was a page envelope")
		}
		return decodeArray(m, data, convert)
	}
	var p P
	if err := wire.DecodeModel(m.page, data, &p); err != nil {
		return nil, err
	}
	raws, err := m.results.Items(data)
	if err != nil {
		return nil, err
	}
	count, next, results := m.fields(&p)
	if len(raws) != len(results) {
		return nil, fmt.Errorf("results hold %d items, read as %d", len(raws), len(results))
	}
	if count < 0 {
		return nil, fmt.Errorf("count is negative (%d)", count)
	}
	page := &Page[T]{Count: count, HasNext: next.IsSpecified() && !next.IsNull(), Items: make([]T, len(results))}
	for i := range results {
		page.Items[i] = convert(&results[i], raws[i])
	}
	return page, nil
}

// decodeArray reads a bare JSON array as the only page: its count is its
// length and no page follows.
func decodeArray[P, G, T any](m Model[P, G], data []byte, convert func(*G, []byte) T) (*Page[T], error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		return nil, fmt.Errorf("not a JSON array: %w", err)
	}
	page := &Page[T]{Count: len(raws), Items: make([]T, len(raws))}
	for i, raw := range raws {
		var g G
		if err := m.item(raw, &g); err != nil {
			return nil, fmt.Errorf("item %d: %w", i, err)
		}
		page.Items[i] = convert(&g, raw)
	}
	return page, nil
}

// isArray reports whether a JSON body is an array rather than an object:
// its first byte that is not white space.
func isArray(data []byte) bool {
	for _, c := range data {
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return c == '['
	}
	return false
}
