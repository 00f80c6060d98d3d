package main

import (
	"fmt"
	"strconv"

	"github.com/paradigm-go/sdk/paradigm"
)

func identity(s string) (string, error) { return s, nil }

// optionalFlag is an update field as a flag: absent leaves it omitted, a
// value sets it, and "null" (where the API allows it) clears it.
type optionalFlag[T any] struct {
	o         *paradigm.Optional[T]
	allowNull bool
	parse     func(string) (T, error)
}

func optional[T any](o *paradigm.Optional[T], allowNull bool, parse func(string) (T, error)) *optionalFlag[T] {
	return &optionalFlag[T]{o: o, allowNull: allowNull, parse: parse}
}

func (f *optionalFlag[T]) String() string {
	if f == nil || f.o == nil {
		return ""
	}
	return fmt.Sprint(*f.o)
}

func (f *optionalFlag[T]) Set(s string) error {
	if f.allowNull && s == "null" {
		*f.o = paradigm.Null[T]()
		return nil
	}
	v, err := f.parse(s)
	if err != nil {
		return fmt.Errorf("not a valid value")
	}
	*f.o = paradigm.Value(v)
	return nil
}

// boolOptional is --enabled: absent, --enabled (true), --enabled=true|false.
type boolOptional struct{ o *paradigm.Optional[bool] }

func (f *boolOptional) String() string {
	if f == nil || f.o == nil {
		return ""
	}
	return fmt.Sprint(*f.o)
}

func (f *boolOptional) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("want true or false")
	}
	*f.o = paradigm.Value(v)
	return nil
}

// IsBoolFlag lets --enabled stand alone for --enabled=true.
func (f *boolOptional) IsBoolFlag() bool { return true }
