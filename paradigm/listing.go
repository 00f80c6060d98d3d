package paradigm

import (
	"errors"
	"fmt"
	"iter"
	"net/http"

	"github.com/paradigm-go/sdk/paradigm/internal/operations"
	"github.com/paradigm-go/sdk/paradigm/internal/pager"
)

// listing pages through one list of row's with the pager's guarantees,
// turning its errors into this package's types. Each list gives only how to
// fetch a page (its row, item type and filters) and an item's key.
func listing[T any, K comparable](row operations.Row, l pager.List[T, K]) iter.Seq2[T, error] {
	l.Noun, l.Vanished = row.Resource, pageVanished
	return func(yield func(T, error) bool) {
		for item, err := range l.All() {
			if err != nil {
				yield(item, listingFailure(row, err))
				return
			}
			if !yield(item, nil) {
				return
			}
		}
	}
}

// pageDecoder decodes page n of a list with the list's model; convert makes
// the SDK's item from gen's and the item's own bytes.
func pageDecoder[P, G, T any](m pager.Model[P, G], n int, convert func(*G, []byte) T) func([]byte) (*pager.Page[T], error) {
	return func(body []byte) (*pager.Page[T], error) {
		p, err := pager.Decode(m, body, n, convert)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", n, err)
		}
		return p, nil
	}
}

// pageVanished reports DRF's answer for a page past the last: 404
// "Invalid page.".
func pageVanished(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound
}

// listingFailure turns the pager's errors into this package's: a listing
// that shrank into a *ListingChangedError, pages that contradict each
// other into an *InvalidResponseError naming the page. Any other error
// (a page's own) passes through.
func listingFailure(row operations.Row, err error) error {
	var changed *pager.ChangedError
	var contradiction *pager.ContradictionError
	switch {
	case errors.As(err, &changed):
		e := &ListingChangedError{Operation: row.String(), Page: changed.Page, Listed: changed.Listed, Removed: changed.Removed}
		errors.As(changed.Err, &e.Err)
		return e
	case errors.As(err, &contradiction):
		return &InvalidResponseError{StatusCode: http.StatusOK, Method: row.Method, Path: row.Path, Operation: row.String(),
			Err: fmt.Errorf("listing %ss: %w", row.Resource, contradiction.Err)}
	}
	return err
}

// ErrListingChanged is matched by a *ListingChangedError: a page vanished
// while a listing (Agents.List, NativeTools.List, Client.DoPages) was
// reading the pages.
var ErrListingChanged = errors.New("paradigm: the listing changed while it was read")

// ListingChangedError is a page that a listing asked for and the server no
// longer has (DRF answers 404 "Invalid page." once items removed while
// listing make the pages fewer), or whose count shows items removed. It
// matches ErrListingChanged and never ErrNotFound, since nothing the caller
// named is missing: list again.
type ListingChangedError struct {
	// Operation is the listing's API operation ("GET /api/v3/agents").
	Operation string
	// Page is the page that vanished, or whose count shows items removed;
	// Listed is how many items were yielded before it.
	Page, Listed int
	// Removed is how many fewer items the page's count says there are
	// than the previous page's did (0 when the page vanished).
	Removed int
	// Err is the server's answer for a page that vanished, or nil (not
	// unwrapped, so the error does not match ErrNotFound).
	Err *APIError
}

// Error names the page and what was listed before it.
func (e *ListingChangedError) Error() string {
	items := operations.ResourceOf(e.Operation) + "s"
	if e.Err == nil {
		return fmt.Sprintf("paradigm: listing %s: page %d counts %d %s fewer than the page before, after %d were "+
			"listed: %s removed while listing shift others onto pages already read, so some would be missed; list again",
			items, e.Page, e.Removed, items, e.Listed, items)
	}
	return fmt.Sprintf("paradigm: listing %s: page %d vanished after %d %s were listed (%s removed "+
		"while listing?); list again: %v", items, e.Page, e.Listed, items, items, e.Err)
}

// Is makes errors.Is(err, ErrListingChanged) work.
func (e *ListingChangedError) Is(target error) bool { return target == ErrListingChanged }
