package paradigm

import (
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/oapi-codegen/nullable"
)

// presence says which of its three states an Optional is in.
type presence uint8

const (
	omitted presence = iota // the zero value: absent from the JSON
	null                    // an explicit JSON null
	present                 // a value
)

// Optional is a tri-state field: omitted (the zero value), an explicit null,
// or a value. In update params, omitted leaves the field unchanged, null
// clears it, and a value sets it. In results, it tells an absent field from a
// null one and both from a zero value. Build one with Value or Null.
type Optional[T any] struct {
	state presence
	value T
}

// Value returns an Optional that holds v.
func Value[T any](v T) Optional[T] { return Optional[T]{state: present, value: v} }

// Null returns an Optional that is an explicit JSON null.
func Null[T any]() Optional[T] { return Optional[T]{state: null} }

// IsZero reports whether the field is omitted; encoding/json's omitzero uses it.
func (o Optional[T]) IsZero() bool { return o.state == omitted }

// IsSet reports whether the field is present, as null or as a value.
func (o Optional[T]) IsSet() bool { return o.state != omitted }

// IsNull reports whether the field is an explicit null.
func (o Optional[T]) IsNull() bool { return o.state == null }

// Get returns the value and true, or T's zero value and false when the field
// is omitted or null.
func (o Optional[T]) Get() (T, bool) { return o.value, o.state == present }

// Or returns the value, or fallback when the field is omitted or null.
func (o Optional[T]) Or(fallback T) T {
	if o.state == present {
		return o.value
	}
	return fallback
}

// MarshalJSON encodes null or the value. An omitted Optional also encodes as
// null: tag the field `json:",omitzero"` to leave it out instead.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if o.state != present {
		return []byte("null"), nil
	}
	return json.Marshal(o.value)
}

// UnmarshalJSON decodes null or a value; a field absent from the JSON is
// never visited and so stays omitted.
func (o *Optional[T]) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		var zero T
		*o = Optional[T]{state: null, value: zero}
		return nil
	}
	if err := json.Unmarshal(data, &o.value); err != nil {
		return err
	}
	o.state = present
	return nil
}

// Format prints <omitted>, <null>, or the value formatted with the same verb,
// so a Secret inside stays redacted (fmt would otherwise print the unexported
// field raw).
func (o Optional[T]) Format(f fmt.State, verb rune) {
	switch o.state {
	case omitted:
		_, _ = f.Write([]byte("<omitted>"))
	case null:
		_, _ = f.Write([]byte("<null>"))
	default:
		_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), o.value)
	}
}

// LogValue logs the value (through its own LogValuer, if any) or a marker.
func (o Optional[T]) LogValue() slog.Value {
	switch o.state {
	case omitted:
		return slog.StringValue("<omitted>")
	case null:
		return slog.StringValue("<null>")
	default:
		return slog.AnyValue(o.value)
	}
}

// nullableOf converts a tri-state Optional to gen's nullable type, which
// has the same three states (omitted, null, value).
func nullableOf[T, G any](o Optional[T], conv func(T) G) nullable.Nullable[G] {
	switch o.state {
	case null:
		return nullable.NewNullNullable[G]()
	case present:
		return nullable.NewNullableWithValue(conv(o.value))
	}
	return nil
}

// optionalOf converts gen's nullable type back to an Optional.
func optionalOf[T any](n nullable.Nullable[T]) Optional[T] {
	switch {
	case !n.IsSpecified():
		return Optional[T]{}
	case n.IsNull():
		return Null[T]()
	}
	return Value(n.MustGet())
}

// pointerOf converts an Optional to gen's type for a field that may be
// omitted but not null: omitted and null are both nil.
func pointerOf[T any](o Optional[T]) *T {
	if v, ok := o.Get(); ok {
		return &v
	}
	return nil
}

// nonZero converts a value to gen's type for an optional field whose zero
// value means none (an ID, an enum): zero is omitted.
func nonZero[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// sliceOf converts a list to gen's type for an optional field: a nil list
// is omitted, any other (empty included) is sent.
func sliceOf[T any](s []T) *[]T {
	if s == nil {
		return nil
	}
	return &s
}
