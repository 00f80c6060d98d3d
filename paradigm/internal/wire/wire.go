// Package wire is the generic glue between gen's models and the SDK's
// types: decoding an answer into a generated model in one pass while naming
// the required fields it lacks, keeping each list item's own bytes, and
// reading which fields of a request model are an explicit null. Each
// resource's conversions stay beside the resource, in package paradigm.
package wire

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/paradigm-go/sdk/gen"
)

// Identity returns v: the conversion of a field whose type gen and the SDK
// share.
func Identity[T any](v T) T { return v }

// Deref returns *p, or the zero value for nil.
func Deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// NullFields returns the JSON names of a generated request model's fields
// that are set to an explicit null (a nullable.Nullable holding its null).
func NullFields(req any) []string {
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

// Model is what the SDK knows of a generated response model: the JSON names
// of its required fields, and a mirror of it to decode into in one pass.
//
// The mirror has gen's fields, types and tags, except that a required field
// of type T is a *T: encoding/json leaves it nil when the key is absent or
// null, which is how a missing required field is told from a zero value
// (false, 0, "") without a second pass over the body. A required nullable
// field (a nullable.Nullable without omitempty) is a nil map when absent.
// Nested gen models (a struct field, a slice of them) are mirrored the same
// way, so a required field is checked at every depth.
type Model struct {
	// Required are the JSON names of the required fields, in the model's
	// (alphabetical) field order.
	Required []string
	mirror   reflect.Type
	mirrors  reflect.Type // []mirror, for a JSON array of the model
	fields   []mirrorField
	// NonNull are the JSON names of the required fields that cannot be
	// null: an answer always holds a value there.
	NonNull map[string]bool
}

// mirrorField says how one field of the mirror maps to gen's model.
type mirrorField struct {
	name     string // JSON name
	required bool   // absent (nil) is an error
	pointer  bool   // the mirror holds a *T where gen has a T
	nested   *Model // the field is (a slice of, or a pointer to) a nested gen model
	slice    bool   // nested, as a slice
	ptrElem  bool   // nested, as a pointer
}

// genPackage is the import path of the generated models, whose nested
// struct types are mirrored.
var genPackage = reflect.TypeFor[gen.MCPServerResponse]().PkgPath()

// ModelOf reads a generated model's required fields from its Go types.
// With this project's oapi-codegen configuration a required property is a
// plain value (or a nullable.Nullable without omitempty, when it is also
// nullable), an optional one a pointer or an omitempty nullable.Nullable
// (a map); every field carries its JSON name in its tag. Called once per
// model, at package initialisation.
func ModelOf[G any]() Model { return *mirrorOf(reflect.TypeFor[G]()) }

func mirrorOf(t reflect.Type) *Model {
	m := &Model{NonNull: map[string]bool{}}
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
			m.Required = append(m.Required, name)
			m.NonNull[name] = mf.pointer
		}
		fields[i].Type = ft
		m.fields[i] = mf
	}
	m.mirror = reflect.StructOf(fields)
	m.mirrors = reflect.SliceOf(m.mirror)
	return m
}

// DecodeModel decodes one JSON object into a generated model, naming the
// required fields that are missing or null.
func DecodeModel[G any](m Model, data []byte, dst *G) error {
	if len(data) == 0 {
		return errors.New("empty body")
	}
	mirror := reflect.New(m.mirror)
	if err := json.Unmarshal(data, mirror.Interface()); err != nil {
		return err
	}
	return m.fromMirror(mirror.Elem(), reflect.ValueOf(dst).Elem())
}

// DecodeModels decodes a JSON array of generated models in one pass; noun
// names an item in errors ("tool 1: required fields missing ...").
func DecodeModels[G any](m Model, data []byte, noun string) ([]G, error) {
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
func (m *Model) fromMirror(src, out reflect.Value) error {
	var missing []string
	m.copyMirror(src, out, "", &missing)
	if len(missing) > 0 {
		return errors.New("required fields missing or null: " + strings.Join(missing, ", "))
	}
	return nil
}

func (m *Model) copyMirror(src, out reflect.Value, path string, missing *[]string) {
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

// RawList finds, in a generated model P, its one field holding a []I, so
// that each item's own bytes can be kept (for Raw).
type RawList struct{ holder reflect.Type }

// RawListOf builds the finder at package initialisation. The field is found
// by type, so a renamed field still works and a removed one panics at init,
// never silently.
func RawListOf[P, I any]() RawList {
	parent, item := reflect.TypeFor[P](), reflect.TypeFor[I]()
	for i := range parent.NumField() {
		if f := parent.Field(i); f.Type == reflect.SliceOf(item) {
			return RawList{holder: reflect.StructOf([]reflect.StructField{
				{Name: "Items", Type: reflect.TypeFor[[]json.RawMessage](), Tag: f.Tag}})}
		}
	}
	panic("paradigm: " + parent.String() + " has no []" + item.String() + " field")
}

// Items returns the list's items in data, each as its own bytes, in one
// pass that only scans them.
func (r RawList) Items(data []byte) ([]json.RawMessage, error) {
	v := reflect.New(r.holder)
	if err := json.Unmarshal(data, v.Interface()); err != nil {
		return nil, err
	}
	return v.Elem().Field(0).Interface().([]json.RawMessage), nil
}
