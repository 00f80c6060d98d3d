package main

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/paradigm-go/sdk/paradigm"
)

func identity(s string) (string, error) { return s, nil }

// optionalFlag is an Optional as a flag: absent leaves it omitted and a
// value sets it. For an update field (nullable), "null" makes it Null, which
// the SDK's validation refuses where Paradigm cannot keep a null; a list
// filter has no null.
type optionalFlag[T any] struct {
	o        *paradigm.Optional[T]
	parse    func(string) (T, error)
	nullable bool
}

// optional is an update field's flag.
func optional[T any](o *paradigm.Optional[T], parse func(string) (T, error)) *optionalFlag[T] {
	return &optionalFlag[T]{o: o, parse: parse, nullable: true}
}

// filter is a list filter's flag: a value or nothing.
func filter[T any](o *paradigm.Optional[T], parse func(string) (T, error)) *optionalFlag[T] {
	return &optionalFlag[T]{o: o, parse: parse}
}

// field is a create's optional field: a value, sent as given (so
// --description null is the text "null"), or nothing.
func field[T any](o *paradigm.Optional[T], parse func(string) (T, error)) *optionalFlag[T] {
	return &optionalFlag[T]{o: o, parse: parse}
}

func (f *optionalFlag[T]) String() string {
	if f == nil || f.o == nil {
		return ""
	}
	return fmt.Sprint(*f.o)
}

func (f *optionalFlag[T]) Set(s string) error {
	if f.nullable && s == "null" {
		*f.o = paradigm.Null[T]()
		return nil
	}
	v, err := f.parse(s)
	if err != nil {
		return err
	}
	*f.o = paradigm.Value(v)
	return nil
}

// boolFlag is an Optional[bool] flag that may stand alone for true:
// --enabled, --enabled=false (and --enabled=null, refused by validation),
// or the filters --default and --favorite.
type boolFlag struct{ *optionalFlag[bool] }

// IsBoolFlag lets the flag stand alone for =true.
func (f boolFlag) IsBoolFlag() bool { return true }

func parseBool(s string) (bool, error) {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return false, errors.New("want true or false")
	}
	return v, nil
}

// positiveDuration is --timeout: a duration above zero.
type positiveDuration struct{ d *time.Duration }

func (f *positiveDuration) String() string {
	if f == nil || f.d == nil || *f.d == 0 {
		return ""
	}
	return f.d.String()
}

func (f *positiveDuration) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return errors.New("not a duration (e.g. 30s, 2m)")
	}
	if d <= 0 {
		return errors.New("must be positive (e.g. 30s)")
	}
	*f.d = d
	return nil
}

// listFlag is a repeatable flag: each use appends its value, in order.
type listFlag[T any] struct {
	list  *[]T
	parse func(string) (T, error)
}

func (f *listFlag[T]) String() string {
	if f == nil || f.list == nil {
		return ""
	}
	return fmt.Sprint(*f.list)
}

func (f *listFlag[T]) Set(s string) error {
	v, err := f.parse(s)
	if err != nil {
		return err
	}
	*f.list = append(*f.list, v)
	return nil
}
