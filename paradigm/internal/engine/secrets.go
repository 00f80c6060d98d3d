package engine

import "github.com/paradigm-go/sdk/paradigm/internal/scrub"

// callSecrets are a call's secrets (the API key, credentials), held by
// value: a call that needs nothing scrubbed builds no Scrubber, and keeps
// no pointer to its caller's arguments, which can then stay on the stack.
// The first use that scrubs builds the Scrubber, on a failure's path (or
// for WithResponseInto, or a debug log line).
type callSecrets struct {
	inline [2]string // the first ones: a call has two today
	n      int
	more   []string // all of them, when there are more than inline holds
	sc     *scrub.Scrubber
}

func newCallSecrets(secrets []string) callSecrets {
	var s callSecrets
	if len(secrets) > len(s.inline) {
		s.more = append([]string(nil), secrets...)
		return s
	}
	s.n = copy(s.inline[:], secrets)
	return s
}

// list returns the secrets.
func (s *callSecrets) list() []string {
	if s.more != nil {
		return s.more
	}
	return s.inline[:s.n]
}

// scrubber returns the call's Scrubber, built on first use.
func (s *callSecrets) scrubber() *scrub.Scrubber {
	if s.sc == nil {
		s.sc = scrub.New(s.list()...)
	}
	return s.sc
}
