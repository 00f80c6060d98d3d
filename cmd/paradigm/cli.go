package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/paradigm-go/sdk/gen"
	"github.com/paradigm-go/sdk/internal/buildinfo"
	"github.com/paradigm-go/sdk/paradigm"
)

// cli is one run of the command.
type cli struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// terminal reports that stdout is a terminal: api then escapes the
	// server's JSON (every other output escapes in text mode always).
	terminal bool

	// Global flags, accepted before or after the subcommand.
	output  string
	baseURL string
	timeout time.Duration
	debug   bool
	version bool
	// refusedUsed names a refused flag that was given (its value is never kept).
	refusedUsed []refused
	// renamedUsed names a renamed flag that was given.
	renamedUsed []renamedFlag
	// operation is the API operation the command calls (for errors that
	// name none), and knownID the resource a write is about, once known.
	operation gen.Operation
	knownID   string
	// extra client options, for tests (fast retries).
	clientOptions []paradigm.Option
	// inspect, when set, receives a command's flag set where it would be
	// parsed, and the command stops there (errInspected): how completion
	// reads every command's flags without defining them twice.
	inspect func(*command)
}

// errInspected stops a command whose flag set was given to cli.inspect.
var errInspected = errors.New("paradigm: flags inspected, command not run")

// usageError is a mistake in the command line: exit 2, nothing sent.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

const versionHelp = `Print the command's version: "paradigm 0.4.0", or {"version":"0.4.0"} with -o json.
A release says its version; go install ...@v0.4.0 says v0.4.0; a build from a
checkout says the commit after the last release: 0.4.0+dev.29c8ac2abcd0, with
.dirty when the tree had changes. The User-Agent sent says the same.

Usage:
  paradigm version [-o json]
`

func (c *cli) run(args []string) int {
	// Known before anything can fail: an error met before the flag parser
	// reaches -o (a mistyped flag, an unknown command) is printed as asked.
	c.output = outputOf(args)
	err := c.dispatch(args)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	}
	return c.printError(err)
}

// outputFormats are the values of -o and --output.
var outputFormats = []string{"text", "json"}

// globalFlags registers the flags every level accepts. Registering sets a
// flag's variable to its default, so the current values are the defaults:
// what was given before the subcommand stays.
func (c *cli) globalFlags(fs *flag.FlagSet) {
	if c.output == "" {
		c.output = "text"
	}
	fs.StringVar(&c.output, "output", c.output, "output `format`: text (for people) or json (the API's JSON, for jq)")
	fs.StringVar(&c.output, "o", c.output, "short for --output")
	fs.StringVar(&c.baseURL, "base-url", c.baseURL, "the Paradigm deployment's `URL` (overrides PARADIGM_BASE_URL)")
	fs.BoolVar(&c.debug, "debug", c.debug, "log each request and retry to stderr (secrets redacted; with -o json too, before any error object)")
	fs.BoolVar(&c.version, "version", c.version, "print the version and exit")
	c.refuse(fs, "api-key", "set PARADIGM_API_KEY in the environment",
		"refused: the API key comes from PARADIGM_API_KEY only, never the command line")
}

// refuse registers a flag that only exists to be refused, without ever
// keeping or printing its value (flag's own errors quote the value).
func (c *cli) refuse(fs *flag.FlagSet, name, hint, usage string) {
	fs.Var(&refusedFlag{c: c, r: refused{flag: name, hint: hint}}, name, usage)
}

// command is a subcommand's flags and help.
type command struct {
	*flag.FlagSet
	help string
	out  io.Writer
}

// newFlagSet returns a flag set that reports errors instead of exiting or
// printing; -h and --help print help to stdout.
func (c *cli) newFlagSet(name, help string) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {} // flag calls it on every error; help is printed on request only
	c.globalFlags(fs)
	// Each command's help mentions only what it reads.
	what, dflt := "retries included", "no limit beyond the SDK's 60s per attempt"
	switch name {
	case "create", "update":
		what = "reading the credentials and retries included"
	case "agents create":
		what = "reading the instructions and retries included"
	case "api":
		what = "reading --input and retries included"
	case "probe":
		what, dflt = "reading the credentials included", "10s"
	}
	fs.Var(&positiveDuration{d: &c.timeout}, "timeout", "give up after this `duration` in all, "+what+
		" (e.g. 30s; default: "+dflt+")")
	return &command{FlagSet: fs, help: help, out: c.stdout}
}

// printHelp prints the help text and the usable flags: the refused ones
// (--api-key, --credentials) exist only to say why, so they are not listed.
func (cmd *command) printHelp() {
	fmt.Fprint(cmd.out, cmd.help)
	fmt.Fprintln(cmd.out, "\nFlags:")
	cmd.VisitAll(func(f *flag.Flag) {
		if hidden(f) || f.Name == "o" {
			return
		}
		name, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if f.Name == "output" {
			line = "  -o, --output"
		}
		if name != "" {
			line += " " + name
		}
		fmt.Fprintf(cmd.out, "%s\n    \t%s\n", line, strings.ReplaceAll(usage, "\n", "\n    \t"))
	})
}

// hidden reports whether a flag exists only to be refused or to name its
// new name (--api-key, --credentials, a renamed one): no help lists it and
// no completion offers it.
func hidden(f *flag.Flag) bool {
	switch f.Value.(type) {
	case *refusedFlag, renamedFlag:
		return true
	}
	return false
}

// parse parses flags anywhere among the positional arguments, which it
// returns. -h and --help print the help and return flag.ErrHelp.
func (c *cli) parse(fs *command, args []string) ([]string, error) {
	if c.inspect != nil {
		c.inspect(fs)
		return nil, errInspected
	}
	positional, err := parseArgs(fs, args)
	if err != nil {
		return nil, err
	}
	if c.version { // --version anywhere prints the version and runs nothing
		if err := c.printVersion(); err != nil {
			return nil, err
		}
		return nil, flag.ErrHelp
	}
	return positional, c.checkRefused()
}

// printVersion prints the version in the output mode asked for.
func (c *cli) printVersion() error {
	if err := c.checkGlobal(); err != nil {
		return err
	}
	if c.output == "json" {
		return json.NewEncoder(c.stdout).Encode(struct {
			Version string `json:"version"`
		}{buildinfo.Version()})
	}
	_, err := fmt.Fprintln(c.stdout, "paradigm "+buildinfo.Version())
	return err
}

// Flags by whether they take a separate value, across every command: what
// outputOf needs to read a command line the way the flag package will.
// TestOutputFlagAnywhere checks them against every command's flags.
var (
	boolFlags = set("debug", "version", "probe", "clear-credentials", "enabled", "default", "favorite", "paginate", "h",
		"help")
	valueFlags = set("o", "output", "base-url", "timeout", "api-key", "name", "url", "auth", "credentials-file",
		"credentials", "scope", "authorized-company-id", "authorized-group-id", "company-id", "group-id", "ownership",
		"description", "instructions-file", "native-tool-id", "mcp-server-id", "workspace-id", "method", "input")
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// outputOf finds the output mode in args as the flag parser will read it,
// wherever it stands: -o json, -o=json, --output json, --output=json, the
// last one winning. A flag that takes a value takes the next argument
// whatever it is (so in --name -o, "-o" is a name), "--" ends the flags,
// and an unknown flag is taken to stand alone. It returns "" when there
// is none.
func outputOf(args []string) string {
	out := ""
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			break
		}
		if len(arg) < 2 || arg[0] != '-' {
			continue // a positional argument, or "-" (stdin)
		}
		name := strings.TrimPrefix(arg[1:], "-")
		name, value, inline := strings.Cut(name, "=")
		switch {
		case name != "o" && name != "output":
			if !inline && valueFlags[name] {
				i++ // its value, whatever it looks like
			}
		case inline:
			out = value
		case i+1 < len(args):
			i++
			out = args[i]
		}
	}
	return out
}

func parseArgs(fs *command, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.printHelp()
				return nil, flag.ErrHelp
			}
			return nil, flagError(err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func (c *cli) dispatch(args []string) error {
	fs := c.newFlagSet("paradigm", rootHelp())
	// Global flags before the subcommand; the subcommand's set takes the rest.
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.printHelp()
			return flag.ErrHelp
		}
		return flagError(err)
	}
	if err := c.checkRefused(); err != nil {
		return err
	}
	rest := fs.Args()
	if c.version {
		return c.printVersion()
	}
	return c.command(rest)
}

// versionCommand is paradigm version.
func (c *cli) versionCommand(args []string) error {
	positional, err := c.parse(c.newFlagSet("version", versionHelp), args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usagef("version takes no arguments, got %d (see --help)", len(positional))
	}
	return c.printVersion()
}

// usageToStderr prints a usage text before a usage error, in text mode
// only: with -o json, stderr holds the error's one JSON object and nothing
// else.
func (c *cli) usageToStderr(help string) {
	if c.output != "json" {
		fmt.Fprint(c.stderr, help)
	}
}

// prepared is what every command has once its flags are parsed.
type prepared struct {
	client *paradigm.Client
	ctx    context.Context
	cancel context.CancelFunc
}

// prepare builds the client and the command's context, once the flags are
// parsed and before anything is read or sent.
func (c *cli) prepare() (*prepared, error) {
	client, err := c.client()
	if err != nil {
		return nil, err
	}
	ctx, cancel := c.commandContext()
	return &prepared{client: client, ctx: ctx, cancel: cancel}, nil
}

// commandContext is the context bounding the whole command, from the
// moment its flags are parsed: --timeout, or none.
func (c *cli) commandContext() (context.Context, context.CancelFunc) {
	if c.timeout > 0 {
		return context.WithTimeout(context.Background(), c.timeout)
	}
	return context.Background(), func() {}
}

// checkGlobal checks the global flags before anything is read or sent.
func (c *cli) checkGlobal() error {
	if !slices.Contains(outputFormats, c.output) {
		return usagef("--output must be %s, not %q", orList(outputFormats), c.output)
	}
	return nil
}

// client builds the SDK client from the environment and the global flags.
func (c *cli) client() (*paradigm.Client, error) {
	if err := c.checkGlobal(); err != nil {
		return nil, err
	}
	key := c.getenv(paradigm.EnvAPIKey)
	if key == "" {
		return nil, usagef("no API key: set %s in the environment (the command never takes it as a flag)", paradigm.EnvAPIKey)
	}
	opts := []paradigm.Option{paradigm.WithAPIKey(key), paradigm.WithUserAgent("paradigm-cli/" + buildinfo.Version())}
	base := c.baseURL
	if base == "" {
		base = c.getenv(paradigm.EnvBaseURL)
	}
	if base != "" {
		opts = append(opts, paradigm.WithBaseURL(base))
	}
	if c.debug {
		opts = append(opts, paradigm.WithLogger(slog.New(slog.NewTextHandler(c.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	// PARADIGM_ALLOW_INSECURE_HTTP is left to NewClient, which reads it
	// itself: one rule for what enables it, and no flag for it.
	client, err := paradigm.NewClient(append(opts, c.clientOptions...)...)
	if err != nil {
		return nil, &usageError{msg: strings.TrimPrefix(err.Error(), "paradigm: ")}
	}
	return client, nil
}

// refused is a flag that exists only to say why it is refused.
type refused struct{ flag, hint string }

// refusedFlag records that a refused flag was given; its value is dropped.
type refusedFlag struct {
	c *cli
	r refused
}

func (f *refusedFlag) String() string { return "" }

func (f *refusedFlag) Set(string) error {
	f.c.refusedUsed = append(f.c.refusedUsed, f.r)
	return nil
}

// checkRefused fails if a refused flag was given.
func (c *cli) checkRefused() error {
	if len(c.renamedUsed) > 0 {
		r := c.renamedUsed[0]
		return usagef("--%s was renamed --%s (it sets who may use the server, not its owner; see CHANGELOG 0.3.0)", r.old, r.to)
	}
	if len(c.refusedUsed) == 0 {
		return nil
	}
	r := c.refusedUsed[0]
	return usagef("--%s is refused: a secret on the command line ends up in shell history and in ps; %s", r.flag, r.hint)
}

// flagNamePattern finds a flag's name in the flag package's errors, which
// write it with one dash ("-enabled") where the help writes two.
var flagNamePattern = regexp.MustCompile(`(defined: |argument: |for flag |value "[^"]*" for |for )-{1,2}([A-Za-z][A-Za-z0-9-]*)`)

// flagError is a flag error as a usage error, naming flags as --name.
func flagError(err error) error {
	msg := flagNamePattern.ReplaceAllStringFunc(err.Error(), func(m string) string {
		parts := flagNamePattern.FindStringSubmatch(m)
		dashes := "--"
		if len(parts[2]) == 1 {
			dashes = "-" // a one-letter flag, such as -o, keeps one dash
		}
		return parts[1] + dashes + parts[2]
	})
	return &usageError{msg: msg + " (see --help)"}
}

// renamedFlag is a flag that was renamed: giving it is a usage error
// naming the new one.
type renamedFlag struct {
	c       *cli
	old, to string
}

func (f renamedFlag) String() string { return "" }

func (f renamedFlag) Set(string) error {
	f.c.renamedUsed = append(f.c.renamedUsed, f)
	return nil
}
