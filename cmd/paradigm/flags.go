package main

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/paradigm-go/sdk/paradigm"
)

func identity(s string) (string, error) { return s, nil }

// optionalFlag is an update field as a flag: absent leaves it omitted, a
// value sets it, and "null" makes it Null, which the SDK's validation
// refuses where Paradigm cannot keep a null.
type optionalFlag[T any] struct {
	o     *paradigm.Optional[T]
	parse func(string) (T, error)
}

func optional[T any](o *paradigm.Optional[T], parse func(string) (T, error)) *optionalFlag[T] {
	return &optionalFlag[T]{o: o, parse: parse}
}

func (f *optionalFlag[T]) String() string {
	if f == nil || f.o == nil {
		return ""
	}
	return fmt.Sprint(*f.o)
}

func (f *optionalFlag[T]) Set(s string) error {
	if s == "null" {
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

// boolOptional is --enabled: absent, --enabled (true), --enabled=true|false,
// or --enabled=null (refused by validation: Paradigm keeps a value).
type boolOptional struct{ o *paradigm.Optional[bool] }

func (f *boolOptional) String() string {
	if f == nil || f.o == nil {
		return ""
	}
	return fmt.Sprint(*f.o)
}

func (f *boolOptional) Set(s string) error {
	if s == "null" {
		*f.o = paradigm.Null[bool]()
		return nil
	}
	v, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("want true or false")
	}
	*f.o = paradigm.Value(v)
	return nil
}

// IsBoolFlag lets --enabled stand alone for --enabled=true.
func (f *boolOptional) IsBoolFlag() bool { return true }

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
