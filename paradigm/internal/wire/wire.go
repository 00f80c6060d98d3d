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
	"maps"
	"reflect"
	"strings"
	"sync"

	"github.com/google/uuid"
	"github.com/oapi-codegen/nullable"

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

// NullsRefused returns the JSON names of the fields a generated request
// model sets to an explicit null (a nullable.Nullable holding its null)
// where the answer model m requires a value (NonNull), or nil. It
// allocates nothing for a request without a null, and one small copy per
// null it reads.
func (m Model) NullsRefused(req any) []string {
	v := reflect.ValueOf(req)
	var names []string
	for _, f := range nullablesOf(v.Type()) {
		// nullable.Nullable's IsNull: the map holds the key false. Read
		// through reflect rather than an interface, which would move the
		// caller's request model to the heap.
		if n := v.Field(f.index); n.Len() > 0 && n.MapIndex(falseKey).IsValid() && m.NonNull[f.name] {
			names = append(names, f.name)
		}
	}
	return names
}

// nullableField is a nullable.Nullable field of a request model.
type nullableField struct {
	index int
	name  string // JSON name
}

// nullables caches nullablesOf, per request model type.
var nullables sync.Map

// nullablesOf lists the nullable.Nullable fields of the struct type t.
func nullablesOf(t reflect.Type) []nullableField {
	if fields, ok := nullables.Load(t); ok {
		return fields.([]nullableField)
	}
	var fields []nullableField
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type.Implements(nuller) && f.Type.Kind() == reflect.Map && f.Type.Key().Kind() == reflect.Bool {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			fields = append(fields, nullableField{index: i, name: name})
		}
	}
	cached, _ := nullables.LoadOrStore(t, fields)
	return cached.([]nullableField)
}

// nuller is nullable.Nullable's method saying it holds null.
var nuller = reflect.TypeFor[interface{ IsNull() bool }]()

// Model is what the SDK knows of a generated response model: the JSON names
// of its required fields, and a mirror of it to decode into in one pass.
//
// The mirror has gen's fields, types and tags, except where gen's type
// cannot tell an absent or null key from a zero value (false, 0, ""), or
// costs an allocation the mirror can spare:
//   - a field of a basic type (string, bool, int, int64, a UUID), a pointer
//     to one or a nullable.Nullable of one is a scalar, which records
//     whether the key was absent, null or a value and reads the common
//     literals itself: no pointer per field, and no decoder started per
//     nullable field as nullable.Nullable's own UnmarshalJSON does;
//   - any other required field of type T is a *T, which encoding/json
//     leaves nil when the key is absent or null;
//   - a required nullable.Nullable of another type (one without omitempty)
//     is a nil map when absent.
//
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
	// pool holds scratch space (a mirror, and for Decode gen's model) for
	// one answer at a time, so that decoding allocates what the answer
	// holds rather than its scaffolding.
	pool *sync.Pool
}

// mirrorField says how one field of the mirror maps to gen's model.
type mirrorField struct {
	name     string    // JSON name
	required bool      // absent (or null, unless nullable) is an error
	kind     fieldKind // how the mirror holds it
	nested   *Model    // the field is (a slice of, or a pointer to) a nested gen model
	slice    bool      // nested, as a slice
	ptrElem  bool      // nested, as a pointer
}

// fieldKind is how a field of gen's model is held in the mirror.
type fieldKind uint8

const (
	asIs           fieldKind = iota // gen's own type
	pointer                         // a *T where gen has a T (required, not nullable)
	scalarValue                     // a scalar[T] where gen has a T (required, not nullable)
	scalarPointer                   // a scalar[T] where gen has a *T (optional)
	scalarNullable                  // a scalar[T] where gen has a nullable.Nullable[T]
)

// scalars maps each type a scalar mirrors (T, *T, nullable.Nullable[T]) to
// the scalar type and the kind of field.
var scalars = scalarTable(scalarOf[string](), scalarOf[bool](), scalarOf[int](), scalarOf[int64](), scalarOf[uuid.UUID]())

type scalarMirror struct {
	scalar reflect.Type
	kind   fieldKind
}

func scalarOf[T any]() map[reflect.Type]scalarMirror {
	s := reflect.TypeFor[scalar[T]]()
	return map[reflect.Type]scalarMirror{
		reflect.TypeFor[T]():                    {s, scalarValue},
		reflect.TypeFor[*T]():                   {s, scalarPointer},
		reflect.TypeFor[nullable.Nullable[T]](): {s, scalarNullable},
	}
}

func scalarTable(tables ...map[reflect.Type]scalarMirror) map[reflect.Type]scalarMirror {
	all := map[reflect.Type]scalarMirror{}
	for _, t := range tables {
		maps.Copy(all, t)
	}
	return all
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
				mf.required = !hasOption(opts, "omitempty")
			default:
				mf.required, mf.kind = true, pointer
			}
			// A ",string" option or an embedded field keeps encoding/json's
			// own handling.
			if s, ok := scalars[f.Type]; ok && !f.Anonymous && !hasOption(opts, "string") {
				mf.kind, ft = s.kind, s.scalar
			} else if mf.kind == pointer {
				ft = reflect.PointerTo(ft)
			}
		}
		if mf.required {
			m.Required = append(m.Required, name)
			m.NonNull[name] = mf.kind == pointer || mf.kind == scalarValue
		}
		fields[i].Type = ft
		m.fields[i] = mf
	}
	m.mirror = reflect.StructOf(fields)
	m.mirrors = reflect.SliceOf(m.mirror)
	m.pool = &sync.Pool{New: func() any { return &scratch{mirror: reflect.New(m.mirror), model: reflect.New(t)} }}
	return m
}

// scratch is one answer's scaffolding: the mirror, always zero when
// pooled, and gen's model for Decode, zero but for the maps of its
// nullable fields, kept empty for the next answer.
type scratch struct {
	mirror, model reflect.Value // pointers
}

// hasOption reports whether a json tag's options (after the name) hold opt.
func hasOption(opts, opt string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == opt {
			return true
		}
	}
	return false
}

// DecodeModel decodes one JSON object into a generated model, naming the
// required fields that are missing or null.
func DecodeModel[G any](m Model, data []byte, dst *G) error {
	sc := m.pool.Get().(*scratch)
	defer m.pool.Put(sc)
	defer sc.mirror.Elem().SetZero() // drops what the answer held before the mirror is reused
	return m.decode(sc.mirror, data, reflect.ValueOf(dst).Elem(), false)
}

// Decode is DecodeModel followed by convert, for a caller that keeps only
// what convert returns. It allocates less than DecodeModel, because gen's
// model is scratch space reused for the next answer: the maps of its
// nullable fields, and what its pointers to basic types point to. So
// convert must copy what it keeps out of a map or through a pointer
// (Deref, Optional's conversion do), never keep the map or pointer itself;
// strings, slices and nested models it may keep.
func Decode[G, T any](m Model, data []byte, convert func(*G) T) (T, error) {
	sc := m.pool.Get().(*scratch)
	defer m.pool.Put(sc)
	model := sc.model.Elem()
	defer m.release(sc.mirror.Elem(), model) // once convert is done with both
	if err := m.decode(sc.mirror, data, model, true); err != nil {
		var zero T
		return zero, err
	}
	return convert(sc.model.Interface().(*G)), nil
}

// decode decodes data into the mirror, then copies it into out; reuse says
// that out is Decode's scratch model.
func (m *Model) decode(mirror reflect.Value, data []byte, out reflect.Value, reuse bool) error {
	if len(data) == 0 {
		return errors.New("empty body")
	}
	if err := json.Unmarshal(data, mirror.Interface()); err != nil {
		return err
	}
	var missing []string
	m.copyMirror(mirror.Elem(), out, "", &missing, reuse)
	if len(missing) > 0 {
		return errors.New("required fields missing or null: " + strings.Join(missing, ", "))
	}
	return nil
}

// release readies Decode's scratch for the next answer: the mirror zero,
// and the model too, but for its nullable fields' maps, emptied (an empty
// nullable.Nullable, like a nil one, is unspecified) and kept.
func (m *Model) release(mirror, model reflect.Value) {
	mirror.SetZero()
	for i := range m.fields {
		if f := model.Field(i); m.fields[i].kind == scalarNullable {
			f.Clear()
		} else {
			f.SetZero()
		}
	}
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
		var missing []string
		m.copyMirror(list.Elem().Index(i), reflect.ValueOf(&out[i]).Elem(), "", &missing, false)
		if len(missing) > 0 {
			return nil, fmt.Errorf("%s %d: required fields missing or null: %s", noun, i, strings.Join(missing, ", "))
		}
	}
	return out, nil
}

// trueKey is nullable.Nullable's key for a value, falseKey its key for null.
var trueKey, falseKey = reflect.ValueOf(true), reflect.ValueOf(false)

// copyMirror copies a decoded mirror into gen's model, appending to missing
// the required fields left absent or null, nested ones by their path
// ("company.name", "workspaces[2].id"). With reuse, out is Decode's scratch
// model: its nullable fields' maps are refilled, and its pointers point
// into the mirror, instead of being allocated.
func (m *Model) copyMirror(src, out reflect.Value, path string, missing *[]string, reuse bool) {
	for i := range m.fields {
		mf, f, dst := &m.fields[i], src.Field(i), out.Field(i)
		switch mf.kind {
		case scalarValue, scalarPointer, scalarNullable:
			copyScalar(mf, f, dst, reuse)
			if state := stateOf(f); mf.required && state == absent || mf.kind == scalarValue && state == null {
				*missing = append(*missing, path+mf.name)
			}
			continue
		}
		if mf.required && f.IsNil() {
			*missing = append(*missing, path+mf.name)
			continue
		}
		if mf.kind == pointer {
			f = f.Elem()
		}
		switch {
		case mf.nested == nil:
			dst.Set(f)
		case mf.slice:
			if f.IsNil() {
				continue
			}
			items := reflect.MakeSlice(dst.Type(), f.Len(), f.Len())
			for j := range f.Len() {
				mf.nested.copyMirror(f.Index(j), items.Index(j), fmt.Sprintf("%s%s[%d].", path, mf.name, j), missing, false)
			}
			dst.Set(items)
		case mf.ptrElem:
			if f.IsNil() {
				continue
			}
			v := reflect.New(dst.Type().Elem())
			mf.nested.copyMirror(f.Elem(), v.Elem(), path+mf.name+".", missing, false)
			dst.Set(v)
		default:
			mf.nested.copyMirror(f, dst, path+mf.name+".", missing, reuse)
		}
	}
}

// stateOf is the state of the scalar f.
func stateOf(f reflect.Value) scalarState {
	return scalarState(f.Field(1).Uint()) //nolint:gosec // a scalarState, so it fits
}

// copyScalar copies a scalar's value (f) into gen's field (dst) as
// encoding/json would have left it: a null or absent pointer is nil, a
// nullable.Nullable holds its value or its null.
func copyScalar(mf *mirrorField, f, dst reflect.Value, reuse bool) {
	state, v := stateOf(f), f.Field(0)
	switch mf.kind {
	case scalarValue:
		if state == present {
			dst.Set(v)
		}
	case scalarPointer:
		switch {
		case state != present:
		case reuse:
			dst.Set(v.Addr())
		default:
			p := reflect.New(v.Type())
			p.Elem().Set(v)
			dst.Set(p)
		}
	case scalarNullable:
		if state == absent {
			return
		}
		if dst.IsNil() || !reuse {
			dst.Set(reflect.MakeMapWithSize(dst.Type(), 1))
		}
		if state == null {
			dst.SetMapIndex(falseKey, reflect.Zero(v.Type()))
		} else {
			dst.SetMapIndex(trueKey, v)
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
