package main

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/paradigm-go/sdk/internal/hostilemcp"
)

// fakeMemoryBoundMiB is the documented bound of what one client can make
// the fake hold (docs/fake.md, 64 MiB of servers), held here to the whole
// process, its idle 16 MiB included: discovery may add little to it.
const fakeMemoryBoundMiB = 64

// --discover-tools keeps the fake within its memory bound whatever the MCP
// server answers: one create against a server sending 100 pages of about
// 4 MB made it hold 726 MB; many creates at once probed all at once.
// Measured as the process's peak resident size (VmHWM) once every
// discovery has ended.
func TestDiscoveryKeepsTheMemoryBound(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "paradigm-fake")
	build := exec.Command("go", "build", "-o", bin, ".") // #nosec G204 -- fixed arguments
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, tc := range []struct {
		name    string
		page    hostilemcp.Page
		servers int
	}{
		{"long descriptions", hostilemcp.Page{DescriptionBytes: 1_000_000}, 1},
		{"tiny schema objects", hostilemcp.Page{SchemaProperties: 75_000}, 1},
		{"pages within the limit, 40 servers at once", hostilemcp.Page{SchemaProperties: 5_000}, 40},
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
				p.Names, p.Next = []string{fmt.Sprintf("a%d", n), fmt.Sprintf("b%d", n), fmt.Sprintf("c%d", n), fmt.Sprintf("d%d", n)},
					fmt.Sprintf("p%d", n)
				return p
			}, false)

			fake := exec.Command(bin, "--discover-tools", "--quiet") // #nosec G204 -- the binary just built
			stdout, err := fake.StdoutPipe()
			require.NoError(t, err)
			var stderr lockedBuffer
			fake.Stderr = &stderr
			require.NoError(t, fake.Start())
			t.Cleanup(func() { _ = fake.Process.Kill() })
			lines := bufio.NewScanner(stdout)
			require.True(t, lines.Scan(), "the first line: %s", stderr.String())
			base := strings.TrimPrefix(lines.Text(), "PARADIGM_BASE_URL=")
			require.True(t, lines.Scan())
			idle := vmHWM(fake.Process.Pid)

			client := &http.Client{Timeout: 10 * time.Second}
			for range tc.servers {
				req, err := http.NewRequest(http.MethodPost, base+"/api/v3/mcp",
					strings.NewReader(`{"name":"hostile","url":"`+url+`","authentication_method":"none"}`))
				require.NoError(t, err)
				req.Header.Set("Authorization", "Bearer paradigmtest-key")
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				require.NoError(t, err)
				_ = resp.Body.Close()
				require.Equal(t, http.StatusCreated, resp.StatusCode)
			}
			client.CloseIdleConnections()

			var peak int64
			require.Eventually(t, func() bool {
				peak = max(peak, vmHWM(fake.Process.Pid))
				if peak > 1<<20 {
					_ = fake.Process.Kill() // past 1 GiB: spare the machine
					return true
				}
				logs := stderr.String()
				return strings.Count(logs, "tool discovery failed")+strings.Count(logs, "tools discovered") >= tc.servers
			}, time.Minute, 5*time.Millisecond, "every discovery ends")
			peak = max(peak, vmHWM(fake.Process.Pid))
			t.Logf("peak resident memory: %d MiB (%d MiB idle) after %d pages", peak>>10, idle>>10, pages.Load())
			assert.Less(t, peak, int64(fakeMemoryBoundMiB<<10), "the fake's peak memory")
			assert.Equal(t, tc.servers, strings.Count(stderr.String(), "tool discovery failed"), "a list past the limits is no list of tools")
			require.NoError(t, fake.Process.Signal(syscall.SIGTERM))
			assert.NoError(t, fake.Wait())
		})
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
