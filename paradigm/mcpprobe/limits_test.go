package mcpprobe

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/internal/hostilemcp"
)

// names are n tool names, unique to prefix.
func names(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s_%d", prefix, i)
	}
	return out
}

// A tool list that loops, repeats or stalls is an error naming what it did,
// never a success holding the repeats; a list past a limit is an error
// naming the limit, never a silent cut; a long honest list is whole.
func TestToolListsNeitherLoopNorGetCut(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		list  func(calls int32, cursor string) hostilemcp.Page
		opts  []Option
		class error  // nil: success
		want  string // in the error's text
		tools int    // on success
	}{
		{"a server that ignores the cursor", func(int32, string) hostilemcp.Page {
			return hostilemcp.Page{Names: []string{"a", "b"}, Next: "more"}
		}, nil, ErrInvalidToolList, `cursor "more" again`, 0},
		{"cursors that cycle", func(n int32, _ string) hostilemcp.Page {
			return hostilemcp.Page{Names: names(strconv.Itoa(int(n)), 2), Next: []string{"x", "y", "z"}[n%3]}
		}, nil, ErrInvalidToolList, "again", 0},
		{"pages with nothing new", func(n int32, _ string) hostilemcp.Page {
			if n == 1 {
				return hostilemcp.Page{Names: []string{"only"}, Next: "c1"}
			}
			return hostilemcp.Page{Next: fmt.Sprintf("c%d", n)}
		}, nil, ErrInvalidToolList, "page 2 lists no tool", 0},
		{"a name twice on a page", func(int32, string) hostilemcp.Page {
			return hostilemcp.Page{Names: []string{"dup", "other", "dup"}}
		}, nil, ErrInvalidToolList, `tool "dup" twice`, 0},
		{"a name again on a later page", func(n int32, _ string) hostilemcp.Page {
			if n == 1 {
				return hostilemcp.Page{Names: []string{"a", "b"}, Next: "next"}
			}
			return hostilemcp.Page{Names: []string{"c", "a"}}
		}, nil, ErrInvalidToolList, `tool "a" twice`, 0},
		{"more tools than the limit", func(n int32, _ string) hostilemcp.Page {
			return hostilemcp.Page{Names: names(strconv.Itoa(int(n)), 100), Next: fmt.Sprintf("p%d", n)}
		}, nil, ErrOverLimit, fmt.Sprintf("more than %d tools", DefaultMaxTools), 0},
		{"more bytes than the limit", func(n int32, _ string) hostilemcp.Page {
			return hostilemcp.Page{Names: names(strconv.Itoa(int(n)), 4), DescriptionBytes: 1_000_000, Next: fmt.Sprintf("p%d", n)}
		}, nil, ErrOverLimit, fmt.Sprintf("%d bytes", DefaultMaxBytes), 0},
		{"150 pages of one tool", func(n int32, _ string) hostilemcp.Page {
			p := hostilemcp.Page{Names: []string{fmt.Sprintf("t%d", n)}, Next: fmt.Sprintf("p%d", n)}
			if n == 150 {
				p.Next = ""
			}
			return p
		}, nil, nil, "", 150},
		{"a limit of 3 tools", func(int32, string) hostilemcp.Page {
			return hostilemcp.Page{Names: names("t", 4)}
		}, []Option{WithMaxTools(3)}, ErrOverLimit, "more than 3 tools, the probe's limit (WithMaxTools)", 0},
		{"4 tools within a limit of 4", func(int32, string) hostilemcp.Page {
			return hostilemcp.Page{Names: names("t", 4)}
		}, []Option{WithMaxTools(4)}, nil, "", 4},
		{"a limit of 64 KiB", func(int32, string) hostilemcp.Page {
			return hostilemcp.Page{Names: names("t", 1), DescriptionBytes: 100_000}
		}, []Option{WithMaxBytes(64 << 10)}, ErrOverLimit, "65536 bytes in all, the probe's limit (WithMaxBytes)", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			url := hostilemcp.Start(t, func(cursor string) hostilemcp.Page { return tc.list(calls.Add(1), cursor) }, false)
			target := Target{URL: url, Credentials: canary}
			res, err := Probe(context.Background(), target, append([]Option{WithTimeout(30 * time.Second)}, tc.opts...)...)
			if tc.class == nil {
				require.NoError(t, err)
				assert.Len(t, res.Tools, tc.tools, "every page, none cut")
				return
			}
			require.Error(t, err, "not a success")
			assert.Nil(t, res)
			assert.ErrorIs(t, err, tc.class)
			assert.Contains(t, err.Error(), tc.want)
			assert.LessOrEqual(t, calls.Load(), int32(11), "it stopped at once, not after the 100 pages a loop took")
			noCanary(t, err, target)
		})
	}
}

// One probe holds a bounded amount of memory however much the server
// sends: 100 pages of about 4 MB each (each under the limit of one answer)
// made it hold 668 MiB, more when the MCP SDK caches each page (protocol
// 2026-07-28). Measured as its own process, built without the race
// detector, as the peak resident size Linux records.
func TestOneProbeHoldsBoundedMemory(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		page   hostilemcp.Page
		modern bool
	}{
		{"long descriptions", hostilemcp.Page{DescriptionBytes: 1_000_000}, false},
		{"long schemas, cached by the SDK", hostilemcp.Page{SchemaBytes: 1_000_000}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var pages atomic.Int32
			url := hostilemcp.Start(t, func(string) hostilemcp.Page {
				n := pages.Add(1)
				if n > 100 {
					return hostilemcp.Page{}
				}
				p := tc.page
				p.Names, p.Next = names(fmt.Sprintf("p%d", n), 4), fmt.Sprintf("p%d", n)
				return p
			}, tc.modern)
			out, peakKiB := runProbe(t, []string{"PROBE_URL=" + url, "PROBE_AUTH=none"})
			t.Logf("peak resident memory: %d MiB after %d pages of 4 MB", peakKiB>>10, pages.Load())
			assert.Contains(t, out, "over a limit", "an error, never a silent cut")
			assert.Contains(t, out, strconv.Itoa(DefaultMaxBytes), "naming the limit")
			assert.Less(t, peakKiB, int64(probeMemoryBoundMiB<<10), "the probe's peak memory")
		})
	}
}

// probeMemoryBoundMiB is what a probe of the default limits may hold at
// its peak, the process included: about 5 times DefaultMaxBytes, for the
// copies the MCP SDK makes of each answer and the garbage collector's room.
const probeMemoryBoundMiB = 100

// runProbe runs testdata/probe with env as its own process, and returns
// its output and its peak resident memory in KiB (VmHWM, read from /proc
// while it runs; a process past 1 GiB is killed, to spare the machine).
func runProbe(t *testing.T, env []string) (string, int64) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "probe")
	build := exec.Command("go", "build", "-o", bin, "./testdata/probe") // #nosec G204 -- fixed arguments
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	cmd := exec.Command(bin) // #nosec G204 -- the binary just built
	cmd.Env = env
	var output strings.Builder
	cmd.Stdout, cmd.Stderr = &output, &output
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var peak int64
	for {
		select {
		case err := <-done:
			var exit *exec.ExitError
			if !errors.As(err, &exit) { // exit 1 is a probe's failure, a result here
				require.NoError(t, err)
			}
			require.Positive(t, peak, "the peak was read")
			return output.String(), peak
		case <-time.After(5 * time.Millisecond):
			peak = max(peak, vmHWM(cmd.Process.Pid))
			if peak > 1<<20 {
				_ = cmd.Process.Kill()
			}
		}
	}
}

// vmHWM is a process's peak resident memory in KiB, or 0 once it is gone.
func vmHWM(pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer func() { _ = f.Close() }()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		if v, ok := strings.CutPrefix(lines.Text(), "VmHWM:"); ok {
			kib, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kib
		}
	}
	return 0
}
