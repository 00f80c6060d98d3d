package paradigm

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
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
// of its required fields, and a mirror of it to decode into in one pass.
//
// The mirror has gen's fields, types and tags, except that a required field
// of type T is a *T: encoding/json leaves it nil when the key is absent or
// null, which is how a missing required field is told from a zero value
// (false, 0, "") without a second pass over the body.
type model struct {
	required []string // JSON names, in the model's (alphabetical) field order
	index    []int    // field index of each required field
	mirror   reflect.Type
	mirrors  reflect.Type // []mirror, for a JSON array of the model
}

// modelOf reads a generated model's required fields from its Go types.
// With this project's oapi-codegen configuration a required property is a
// plain value, an optional one a pointer and a nullable one a
// nullable.Nullable (a map); every field carries its JSON name in its tag.
// Called once per model, at package initialisation.
func modelOf[G any]() model {
	t := reflect.TypeFor[G]()
	var m model
	fields := make([]reflect.StructField, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		fields[i] = reflect.StructField{Name: f.Name, Type: f.Type, Tag: f.Tag, Anonymous: f.Anonymous}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		switch f.Type.Kind() {
		case reflect.Pointer, reflect.Map, reflect.Interface:
			continue // optional or nullable
		}
		m.required = append(m.required, name)
		m.index = append(m.index, i)
		fields[i].Type = reflect.PointerTo(f.Type)
	}
	m.mirror = reflect.StructOf(fields)
	m.mirrors = reflect.SliceOf(m.mirror)
	return m
}

// decodeModel decodes one JSON object into a generated model, naming the
// required fields that are missing or null.
func decodeModel[G any](m model, data []byte, dst *G) error {
	if len(data) == 0 {
		return errors.New("empty body")
	}
	mirror := reflect.New(m.mirror)
	if err := json.Unmarshal(data, mirror.Interface()); err != nil {
		return err
	}
	return m.fromMirror(mirror.Elem(), reflect.ValueOf(dst).Elem())
}

// decodeModels decodes a JSON array of generated models in one pass; noun
// names an item in errors ("tool 1: required fields missing ...").
func decodeModels[G any](m model, data []byte, noun string) ([]G, error) {
	if len(data) == 0 {
		return nil, errors.New("empty body")
	}
	list := reflect.New(m.mirrors)
	if err := json.Unmarshal(data, list.Interface()); err != nil {
		return nil, fmt.Errorf("not a JSON array of %ss: %w", noun, err)
	}
	if list.Elem().IsNil() {
		return nil, fmt.Errorf("not a JSON array of %ss: null", noun)
	}
	out := make([]G, list.Elem().Len())
	for i := range out {
		if err := m.fromMirror(list.Elem().Index(i), reflect.ValueOf(&out[i]).Elem()); err != nil {
			return nil, fmt.Errorf("%s %d: %w", noun, i, err)
		}
	}
	return out, nil
}

// fromMirror copies a decoded mirror into gen's model, naming the required
// fields left nil (absent or null).
func (m model) fromMirror(src, out reflect.Value) error {
	var missing []string
	for i, r := 0, 0; i < out.NumField(); i++ {
		f := src.Field(i)
		if r < len(m.index) && m.index[r] == i {
			if f.IsNil() {
				missing = append(missing, m.required[r])
			} else {
				out.Field(i).Set(f.Elem())
			}
			r++
			continue
		}
		out.Field(i).Set(f)
	}
	if len(missing) > 0 {
		return errors.New("required fields missing or null: " + strings.Join(missing, ", "))
	}
	return nil
}
