package paradigm

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"

	"github.com/oapi-codegen/nullable"
)

// The wire belongs to package gen: request bodies are gen's request models
// and answers are decoded into gen's response models. This file holds the
// generic glue between those models and the SDK's types; each resource's
// file has its plain conversion functions, so a field renamed, removed or
// retyped in the spec breaks the build there after `make generate`.

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

func identity[T any](v T) T { return v }

// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// model is what the SDK knows of a generated response model: the JSON names
// of its required fields and a struct type that records which keys a body
// has, to tell a missing or null required field from a zero value.
type model struct {
	required []string
	presence reflect.Type
}

// seen records whether a JSON key was present and not null.
type seen bool

// UnmarshalJSON is called for every value, null included, without decoding it.
func (s *seen) UnmarshalJSON(data []byte) error {
	*s = seen(string(data) != "null")
	return nil
}

// modelOf reads a generated model's required fields from its Go types.
// With this project's oapi-codegen configuration a required property is a
// plain value, an optional one a pointer and a nullable one a
// nullable.Nullable (a map); every field carries its JSON name in its tag.
// Called once per model, at package initialisation.
func modelOf[G any]() model {
	t := reflect.TypeFor[G]()
	var m model
	var fields []reflect.StructField
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		switch f.Type.Kind() {
		case reflect.Pointer, reflect.Map, reflect.Interface:
			continue // optional or nullable
		}
		m.required = append(m.required, name)
		fields = append(fields, reflect.StructField{
			Name: "F" + strconv.Itoa(len(fields)), // any distinct exported name
			Type: reflect.TypeFor[seen](),
			Tag:  reflect.StructTag(`json:"` + name + `"`),
		})
	}
	m.presence = reflect.StructOf(fields)
	return m
}

// decodeModel decodes one JSON object into a generated model and checks that
// every required field is present and not null, naming those that are not.
func decodeModel[G any](m model, data []byte, dst *G) error {
	if len(data) == 0 {
		return errors.New("empty body")
	}
	if err := json.Unmarshal(data, dst); err != nil {
		return err
	}
	return m.checkRequired(data)
}

// checkRequired names the required fields data lacks or has as null, in the
// model's (alphabetical) order.
func (m model) checkRequired(data []byte) error {
	if len(m.required) == 0 {
		return nil
	}
	p := reflect.New(m.presence)
	if err := json.Unmarshal(data, p.Interface()); err != nil {
		return err
	}
	var missing []string
	for i, name := range m.required {
		if !p.Elem().Field(i).Bool() {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return errors.New("required fields missing or null: " + strings.Join(missing, ", "))
	}
	return nil
}
