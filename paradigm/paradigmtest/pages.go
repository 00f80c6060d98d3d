package paradigmtest

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/oapi-codegen/nullable"
)

// pageSizes are a page-number listing's page sizes: def when a request
// names none (or an invalid one), and max, to which a larger page_size is
// cut, as DRF does.
type pageSizes struct{ def, max int }

// page is one page of a page-number listing, in the shape of the spec's
// every such list (gen.PaginatedAgentList): count, next, previous, results.
type page[T any] struct {
	Count    int                       `json:"count"`
	Next     nullable.Nullable[string] `json:"next,omitempty"`
	Previous nullable.Nullable[string] `json:"previous,omitempty"`
	Results  []T                       `json:"results"`
}

// paginate answers the page of items that r asks for (its page and
// page_size parameters), each rendered by render, with absolute next and
// previous URLs as DRF builds them. A page that does not exist is DRF's
// 404 "Invalid page.". The caller holds what render needs.
func paginate[S, T any](r *http.Request, items []S, sizes pageSizes, render func(S) T) answer {
	q := r.URL.Query()
	size := sizes.def
	if n, err := strconv.Atoi(q.Get("page_size")); err == nil && n > 0 {
		size = min(n, sizes.max)
	}
	number := 1
	if q.Has("page") {
		n, err := strconv.Atoi(q.Get("page"))
		if err != nil || n < 1 {
			return jsonAnswer(http.StatusNotFound, `{"detail":"Invalid page."}`)
		}
		number = n
	}
	pages := max((len(items)+size-1)/size, 1)
	if number > pages {
		return jsonAnswer(http.StatusNotFound, `{"detail":"Invalid page."}`)
	}
	from, to := (number-1)*size, min(number*size, len(items))
	out := page[T]{Count: len(items), Results: make([]T, 0, to-from),
		Next: nullable.NewNullNullable[string](), Previous: nullable.NewNullNullable[string]()}
	for _, item := range items[from:to] {
		out.Results = append(out.Results, render(item))
	}
	if number < pages {
		out.Next = nullable.NewNullableWithValue(pageURL(r, number+1))
	}
	if number > 1 {
		out.Previous = nullable.NewNullableWithValue(pageURL(r, number-1))
	}
	return modelAnswer(http.StatusOK, out)
}

// pageURL is the request's absolute URL with another page number; DRF drops
// page=1 from the previous link of page 2.
func pageURL(r *http.Request, page int) string {
	q := r.URL.Query()
	if page == 1 {
		q.Del("page")
	} else {
		q.Set("page", strconv.Itoa(page))
	}
	u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawQuery: q.Encode()}
	return u.String()
}
