package pager

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/oapi-codegen/nullable"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/gen"
)

var errGone = errors.New("gone")

// pages lists page n's count, next and item IDs.
type script map[int]struct {
	count int
	next  bool
	ids   []int
}

func (s script) list(fetched *[]int) List[int, int] {
	return List[int, int]{
		Fetch: func(n int) (*Page[int], error) {
			*fetched = append(*fetched, n)
			p, ok := s[n]
			if !ok {
				return nil, errGone
			}
			return &Page[int]{Count: p.count, HasNext: p.next, Items: p.ids}, nil
		},
		Key:      func(id int) int { return id },
		Vanished: func(err error) bool { return errors.Is(err, errGone) },
		Noun:     "thing",
	}
}

func TestAllKeepsEveryGuarantee(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		pages       script
		wantIDs     []int
		wantFetched []int
		wantErr     any // nil, *ChangedError or *ContradictionError
		wantText    string
	}{
		{"next null stops", script{1: {1000, false, []int{1}}}, []int{1}, []int{1}, nil, ""},
		{"shifted pages yield an item once", script{1: {5, true, []int{1, 2, 3}}, 2: {5, false, []int{3, 4, 5}}},
			[]int{1, 2, 3, 4, 5}, []int{1, 2}, nil, ""},
		{"a low count never overrides next", script{1: {4, true, []int{1, 2}}, 2: {4, true, []int{3, 4}}, 3: {4, false, []int{5, 6}}},
			[]int{1, 2, 3, 4, 5, 6}, []int{1, 2, 3}, nil, ""},
		{"a repeated page is a contradiction", script{1: {1 << 40, true, []int{1}}, 2: {1 << 40, true, []int{1}}},
			[]int{1}, []int{1, 2}, &ContradictionError{}, "page 2 brings no thing not already listed"},
		{"next past the first count", script{1: {4, true, []int{1, 2}}, 2: {4, true, []int{3, 4}}, 3: {4, true, []int{5, 6}}},
			[]int{1, 2, 3, 4, 5, 6}, []int{1, 2, 3}, &ContradictionError{}, "page 3 says more pages follow, past what the count of 4 at 2 per page allows"},
		{"a count lower than the page before", script{1: {6, true, []int{1, 2}}, 2: {5, true, []int{4, 5}}},
			[]int{1, 2}, []int{1, 2}, &ChangedError{}, ""},
		{"a page that vanished", script{1: {4, true, []int{1, 2}}}, []int{1, 2}, []int{1, 2}, &ChangedError{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var fetched, ids []int
			errs := 0
			for id, err := range tt.pages.list(&fetched).All() {
				if err != nil {
					errs++
					switch tt.wantErr.(type) {
					case *ChangedError:
						var changed *ChangedError
						require.ErrorAs(t, err, &changed)
						assert.Equal(t, len(tt.wantIDs), changed.Listed)
						assert.Equal(t, len(tt.wantFetched), changed.Page)
					case *ContradictionError:
						var c *ContradictionError
						require.ErrorAs(t, err, &c)
						assert.Equal(t, len(tt.wantFetched), c.Page)
						assert.Contains(t, err.Error(), tt.wantText)
					default:
						t.Fatalf("unexpected error %v", err)
					}
					continue
				}
				ids = append(ids, id)
			}
			assert.Equal(t, tt.wantIDs, ids)
			assert.Equal(t, tt.wantFetched, fetched)
			assert.Equal(t, tt.wantErr != nil, errs == 1, "an error is yielded once, or never")
		})
	}
}

func TestAllIsLazyAndPassesErrorsOn(t *testing.T) {
	t.Parallel()
	var fetched []int
	l := script{1: {4, true, []int{1, 2}}, 2: {4, false, []int{3, 4}}}.list(&fetched)
	for _, err := range l.All() {
		require.NoError(t, err)
		break
	}
	assert.Equal(t, []int{1}, fetched, "breaking on the first item fetches nothing more")

	boom := errors.New("boom")
	l.Fetch = func(int) (*Page[int], error) { return nil, boom }
	for _, err := range l.All() {
		assert.Same(t, boom, err, "page 1's own error, as it is: a first page never vanished")
	}
}

var (
	toolPages = ModelOf(func(p *gen.PaginatedToolList) (int, nullable.Nullable[string], []gen.Tool) {
		return p.Count, p.Next, p.Results
	})
	toolsOrArray = toolPages.OrArray()
)

func toolID(g *gen.Tool, raw []byte) string { return g.Id + " " + string(raw) }

func TestDecode(t *testing.T) {
	t.Parallel()
	tool := `{"id":"t","name":"n","type":"native"}`
	tests := []struct {
		name    string
		model   Model[gen.PaginatedToolList, gen.Tool]
		body    string
		page    int
		want    *Page[string]
		wantErr string
	}{
		{"an envelope", toolPages, `{"count":3,"next":"http://x/?page=2","results":[` + tool + `]}`, 1,
			&Page[string]{Count: 3, HasNext: true, Items: []string{"t " + tool}}, ""},
		{"next null", toolPages, `{"count":1,"next":null,"results":[]}`, 1, &Page[string]{Count: 1, Items: []string{}}, ""},
		{"count is required", toolPages, `{"results":[]}`, 1, nil, "required fields missing or null: count"},
		{"results are required", toolsOrArray, `{"count":0}`, 1, nil, "results"},
		{"an item's required field", toolPages, `{"count":1,"results":[{"id":"t","name":"n"}]}`, 1, nil, "results[0].type"},
		{"a negative count", toolPages, `{"count":-1,"results":[]}`, 1, nil, "count is negative"},
		{"an array where the list is always paged", toolPages, `[` + tool + `]`, 1, nil, "cannot unmarshal array"},
		{"a bare array is the only page", toolsOrArray, " \n[" + tool + `]`, 1, &Page[string]{Count: 1, Items: []string{"t " + tool}}, ""},
		{"a bare array's item is checked", toolsOrArray, `[{"id":"t"}]`, 1, nil, "item 0: required fields missing or null: name, type"},
		{"a bare array after page 1", toolsOrArray, `[]`, 2, nil, "a bare array, where page 1 was a page envelope"},
		{"another object is no envelope", toolsOrArray, `{"id":"t"}`, 1, nil, "required fields missing or null: count, results"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Decode(tt.model, []byte(tt.body), tt.page, toolID)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestDecodeRawItems(t *testing.T) {
	t.Parallel()
	type raw struct {
		Count   int                       `json:"count"`
		Next    nullable.Nullable[string] `json:"next,omitempty"`
		Results []json.RawMessage         `json:"results"`
	}
	m := ModelOf(func(p *raw) (int, nullable.Nullable[string], []json.RawMessage) { return p.Count, p.Next, p.Results }).OrArray()
	keep := func(_ *json.RawMessage, b []byte) string { return string(b) }
	p, err := Decode(m, []byte(`[1,"a",{"id":2}]`), 1, keep)
	require.NoError(t, err)
	assert.Equal(t, []string{`1`, `"a"`, `{"id":2}`}, p.Items)
	p, err = Decode(m, []byte(`{"count":2,"results":[{"id":1},{"id":2}]}`), 2, keep)
	require.NoError(t, err)
	assert.Equal(t, []string{`{"id":1}`, `{"id":2}`}, p.Items)
}
