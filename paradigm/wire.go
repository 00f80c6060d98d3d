package paradigm

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/oapi-codegen/nullable"

	"github.com/paradigm-go/sdk/gen"
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

// nullFields returns the JSON names of a generated request model's fields
// that are set to an explicit null (a nullable.Nullable holding its null).
func nullFields(req any) []string {
	v := reflect.ValueOf(req)
	var names []string
	for i := range v.NumField() {
		// nullable.Nullable's own methods say whether it holds null.
		if n, ok := v.Field(i).Interface().(interface{ IsNull() bool }); ok && n.IsNull() {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
			names = append(names, name)
		}
	}
	return names
}

// model is what the SDK knows of a generated response model: the JSON names
// of its required fields, and a mirror of it to decode into in one pass.
//
// The mirror has gen's fields, types and tags, except that a required field
// of type T is a *T: encoding/json leaves it nil when the key is absent or
// null, which is how a missing required field is told from a zero value
// (false, 0, "") without a second pass over the body. A required nullable
// field (a nullable.Nullable without omitempty) is a nil map when absent.
// Nested gen models (a struct field, a slice of them) are mirrored the same
// way, so a required field is checked at every depth.
type model struct {
	required []string // JSON names, in the model's (alphabetical) field order
	mirror   reflect.Type
	mirrors  reflect.Type // []mirror, for a JSON array of the model
	fields   []mirrorField
	// nonNull are the JSON names of the required fields that cannot be
	// null: an answer always holds a value there.
	nonNull map[string]bool
}

// refuseNull is the rule for Null in a PATCH field: refused where the
// answer (m) requires a non-null value, since no server can keep a null
// there; allowed where the answer is nullable or does not show the field
// (a write-only one such as credentials).
func (m *model) refuseNull(field string) error {
	if m.nonNull[field] {
		return &ValidationError{Field: field, Rule: "cannot be null: Paradigm always keeps a value there " +
			"(the spec's answer requires one); leave the field omitted to keep it unchanged"}
	}
	return nil
}

// mirrorField says how one field of the mirror maps to gen's model.
type mirrorField struct {
	name     string // JSON name
	required bool   // absent (nil) is an error
	pointer  bool   // the mirror holds a *T where gen has a T
	nested   *model // the field is (a slice of, or a pointer to) a nested gen model
	slice    bool   // nested, as a slice
	ptrElem  bool   // nested, as a pointer
}

// genPackage is the import path of the generated models, whose nested
// struct types are mirrored.
var genPackage = reflect.TypeFor[gen.MCPServerResponse]().PkgPath()

// modelOf reads a generated model's required fields from its Go types.
// With this project's oapi-codegen configuration a required property is a
// plain value (or a nullable.Nullable without omitempty, when it is also
// nullable), an optional one a pointer or an omitempty nullable.Nullable
// (a map); every field carries its JSON name in its tag. Called once per
// model, at package initialisation.
func modelOf[G any]() model { return *mirrorOf(reflect.TypeFor[G]()) }

func mirrorOf(t reflect.Type) *model {
	m := &model{nonNull: map[string]bool{}}
	fields := make([]reflect.StructField, t.NumField())
	m.fields = make([]mirrorField, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		fields[i] = reflect.StructField{Name: f.Name, Type: f.Type, Tag: f.Tag, Anonymous: f.Anonymous}
		mf := mirrorField{name: name}
		ft := f.Type
		switch {
		case ft.Kind() == reflect.Struct && ft.PkgPath() == genPackage:
			mf.nested = mirrorOf(ft)
			ft = mf.nested.mirror
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && ft.Elem().PkgPath() == genPackage:
			mf.nested, mf.slice = mirrorOf(ft.Elem()), true
			ft = mf.nested.mirrors
		case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct && ft.Elem().PkgPath() == genPackage:
			mf.nested, mf.ptrElem = mirrorOf(ft.Elem()), true
			ft = reflect.PointerTo(mf.nested.mirror)
		}
		if name != "" && name != "-" {
			switch f.Type.Kind() {
			case reflect.Pointer, reflect.Interface:
			case reflect.Map:
				// nullable.Nullable: required (but nullable) without omitempty.
				mf.required = !strings.Contains(opts, "omitempty")
			default:
				mf.required, mf.pointer = true, true
				ft = reflect.PointerTo(ft)
			}
		}
		if mf.required {
			m.required = append(m.required, name)
			m.nonNull[name] = mf.pointer
		}
		fields[i].Type = ft
		m.fields[i] = mf
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
// fields left nil (absent or null), nested ones by their path
// ("company.name", "workspaces[2].id").
func (m *model) fromMirror(src, out reflect.Value) error {
	var missing []string
	m.copyMirror(src, out, "", &missing)
	if len(missing) > 0 {
		return errors.New("required fields missing or null: " + strings.Join(missing, ", "))
	}
	return nil
}

func (m *model) copyMirror(src, out reflect.Value, path string, missing *[]string) {
	for i := range m.fields {
		mf, f := &m.fields[i], src.Field(i)
		if mf.required && f.IsNil() {
			*missing = append(*missing, path+mf.name)
			continue
		}
		if mf.pointer {
			f = f.Elem()
		}
		dst := out.Field(i)
		switch {
		case mf.nested == nil:
			dst.Set(f)
		case mf.slice:
			if f.IsNil() {
				continue
			}
			items := reflect.MakeSlice(dst.Type(), f.Len(), f.Len())
			for j := range f.Len() {
				mf.nested.copyMirror(f.Index(j), items.Index(j), fmt.Sprintf("%s%s[%d].", path, mf.name, j), missing)
			}
			dst.Set(items)
		case mf.ptrElem:
			if f.IsNil() {
				continue
			}
			v := reflect.New(dst.Type().Elem())
			mf.nested.copyMirror(f.Elem(), v.Elem(), path+mf.name+".", missing)
			dst.Set(v)
		default:
			mf.nested.copyMirror(f, dst, path+mf.name+".", missing)
		}
	}
}

// rawList finds, in a generated model P, its one field holding a []I, so
// that each item's own bytes can be kept (for Raw).
type rawList struct{ holder reflect.Type }

// rawListOf builds the finder at package initialisation. The field is found
// by type, so a renamed field still works and a removed one panics at init,
// never silently.
func rawListOf[P, I any]() rawList {
	parent, item := reflect.TypeFor[P](), reflect.TypeFor[I]()
	for i := range parent.NumField() {
		if f := parent.Field(i); f.Type == reflect.SliceOf(item) {
			return rawList{holder: reflect.StructOf([]reflect.StructField{
				{Name: "Items", Type: reflect.TypeFor[[]json.RawMessage](), Tag: f.Tag}})}
		}
	}
	panic("paradigm: " + parent.String() + " has no []" + item.String() + " field")
}

// items returns the list's items in data, each as its own bytes, in one
// pass that only scans them.
func (r rawList) items(data []byte) ([]json.RawMessage, error) {
	v := reflect.New(r.holder)
	if err := json.Unmarshal(data, v.Interface()); err != nil {
		return nil, err
	}
	return v.Elem().Field(0).Interface().([]json.RawMessage), nil
}
