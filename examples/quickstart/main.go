// Command quickstart walks through the SDK's main job: register an MCP
// server with a Bearer token, rename it, disable it, remove its credentials,
// read it back and list its tools; then give it to the default agent, see it
// among the agent's tools, find which agents use it, and take it back;
// last, declare a new agent with a native tool and the server, printing
// each result.
//
// It runs against an in-process paradigmtest server, offline, even when
// PARADIGM_API_KEY is exported: a demo must not write to a real tenant by
// accident. With PARADIGM_DEMO_LIVE=1 it talks to the real API
// (PARADIGM_API_KEY, PARADIGM_BASE_URL), gives the server a unique name, and
// runs the agent steps only on the agent PARADIGM_DEMO_AGENT_ID names (never
// the company's default agent). Its first line says which.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/paradigm-go/sdk/paradigm"
	"github.com/paradigm-go/sdk/paradigm/paradigmtest"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer) (err error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	var client *paradigm.Client
	var fake *paradigmtest.Server
	name := "paradigm-go quickstart"
	live := os.Getenv(EnvDemoLive) == "1"
	if !live {
		fake, err = paradigmtest.Start(paradigmtest.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, nil))))
		if err != nil {
			return err
		}
		defer fake.Close()
		client = fake.Client
		fmt.Fprintf(out, "Offline: an in-process fake Paradigm at %s (%s=1 to use the real API).\n", fake.URL, EnvDemoLive)
		defer func() {
			if v := fake.Violations(); len(v) > 0 && err == nil {
				err = fmt.Errorf("the fake server saw %d contract violations: %v", len(v), v)
			}
		}()
	} else {
		if client, err = paradigm.NewClient(); err != nil {
			return err
		}
		name += " " + time.Now().UTC().Format("20060102T150405Z")
		fmt.Fprintf(out, "LIVE (%s=1): writing to the Paradigm API at %v; the server it creates stays (the API has no delete).\n",
			EnvDemoLive, client)
	}

	srv, err := client.MCPServers.Create(ctx, paradigm.MCPServerCreateParams{
		Name:        name,
		URL:         "https://mcp.example.com/sse",
		AuthMethod:  paradigm.AuthBearerToken,
		Credentials: "example-token",
	})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	show(out, "1. created", srv)

	steps := []struct {
		label  string
		params paradigm.MCPServerUpdateParams
	}{
		{"2. renamed", paradigm.MCPServerUpdateParams{Name: paradigm.Value(name + " (renamed)")}},
		{"3. disabled", paradigm.MCPServerUpdateParams{Enabled: paradigm.Value(false)}},
		{"4. credentials removed", paradigm.MCPServerUpdateParams{Credentials: paradigm.Null[paradigm.Secret]()}},
	}
	for _, step := range steps {
		if srv, err = client.MCPServers.Update(ctx, srv.ID, step.params); err != nil {
			return fmt.Errorf("%s: %w", step.label, err)
		}
		show(out, step.label, srv)
	}

	if fake != nil {
		// Paradigm discovers a server's tools by calling it; the fake is told.
		fake.SetTools(srv.ID,
			paradigm.MCPTool{ID: "tool-1", Name: "search_docs", Type: paradigm.ToolMCP, MCPServerName: paradigm.Value(srv.Name)},
			paradigm.MCPTool{ID: "tool-2", Name: "summarize", Type: paradigm.ToolMCP, MCPServerName: paradigm.Value(srv.Name),
				RequireDocument: paradigm.Value(true), AcceptedFileTypes: paradigm.Value([]string{"pdf", "docx"})})
	}
	if srv, err = client.MCPServers.Get(ctx, srv.ID); err != nil {
		return fmt.Errorf("5. read back: %w", err)
	}
	show(out, "5. read back", srv)
	tools, err := client.MCPServers.ListTools(ctx, srv.ID)
	if err != nil {
		return fmt.Errorf("6. list tools: %w", err)
	}
	seeded := ""
	if fake != nil {
		seeded = " (seeded in the fake, as Paradigm would discover them)"
	}
	fmt.Fprintf(out, "%-24s %d tools%s\n", "6. tools:", len(tools), seeded)
	for _, tool := range tools {
		fmt.Fprintf(out, "%-24s name=%s type=%s requires_document=%v accepted_file_types=%v\n",
			"", tool.Name, tool.Type, tool.RequireDocument, tool.AcceptedFileTypes)
	}
	agentID := 0
	if live {
		// Live, only an agent named on purpose: never the company's default.
		if agentID, err = strconv.Atoi(os.Getenv(EnvDemoAgentID)); err != nil || agentID <= 0 {
			fmt.Fprintf(out, "%-24s skipped: set %s to an agent of yours to run them\n", "7-10. agent steps:", EnvDemoAgentID)
			return nil
		}
	}
	if err := agentSteps(ctx, out, client, srv, agentID); err != nil {
		return err
	}
	if fake == nil {
		// An agent cannot be deleted through the API: live, the demo makes none.
		fmt.Fprintf(out, "%-24s skipped live: the API cannot delete an agent\n", "11-12. create an agent:")
		return nil
	}
	fake.PutNativeTool(paradigmtest.StoredNativeTool{Name: "web_search"})
	return createAgent(ctx, out, client, srv)
}

// createAgent declares an agent as the guides' quickstart does: look up the
// native tools the company may use, then create the agent with one of them
// and the MCP server.
func createAgent(ctx context.Context, out io.Writer, client *paradigm.Client, srv *paradigm.MCPServer) error {
	var tool *paradigm.NativeTool
	for t, err := range client.NativeTools.List(ctx, paradigm.NativeToolListParams{}) {
		if err != nil {
			return fmt.Errorf("11. native tools: %w", err)
		}
		if t.Name == "web_search" {
			tool = t
		}
	}
	if tool == nil {
		return fmt.Errorf("11. native tools: no web_search tool is available to the company")
	}
	fmt.Fprintf(out, "%-24s id=%s name=%s\n", "11. native tool:", tool.ID, tool.Name)
	toolID, err := uuid.Parse(tool.ID)
	if err != nil {
		return fmt.Errorf("11. native tools: %w", err)
	}
	agent, err := client.Agents.Create(ctx, paradigm.AgentCreateParams{
		Name:          "Docs assistant",
		CompanyID:     1,
		GroupID:       paradigm.Value(1),
		Ownership:     paradigm.OwnershipTeam,
		Instructions:  paradigm.Value("Answer from the documentation; cite the page."),
		NativeToolIDs: []uuid.UUID{toolID},
		MCPServerIDs:  []uuid.UUID{srv.ID},
	})
	if err != nil {
		return fmt.Errorf("12. create an agent: %w", err)
	}
	tools, err := client.Agents.ListTools(ctx, agent.ID)
	if err != nil {
		return fmt.Errorf("12. create an agent: %w", err)
	}
	fmt.Fprintf(out, "%-24s agent=%d name=%q native=%d mcp_servers=%d\n", "12. agent created:", agent.ID, agent.Name,
		len(tools.Native), len(tools.MCPServers))
	return nil
}

// The environment variables that make the demo live.
const (
	EnvDemoLive    = "PARADIGM_DEMO_LIVE"
	EnvDemoAgentID = "PARADIGM_DEMO_AGENT_ID"
)

// agentSteps gives the server to an agent (agentID, or the fake's default
// agent when 0), shows it among the agent's tools, lists the agents that
// use it, and takes it back.
func agentSteps(ctx context.Context, out io.Writer, client *paradigm.Client, srv *paradigm.MCPServer, agentID int) error {
	if agentID == 0 {
		for a, err := range client.Agents.List(ctx, paradigm.AgentListParams{IsDefault: paradigm.Value(true)}) {
			if err != nil {
				return fmt.Errorf("7. find the default agent: %w", err)
			}
			agentID = a.ID
			break // one is enough: the iterator fetches nothing more
		}
	}
	if agentID == 0 {
		return fmt.Errorf("7. find the default agent: none is visible to this key")
	}
	agent, err := client.Agents.AttachMCPServers(ctx, agentID, []uuid.UUID{srv.ID})
	if err != nil {
		return fmt.Errorf("7. attach: %w", err)
	}
	fmt.Fprintf(out, "%-24s agent=%d name=%q mcp_servers=%d\n", "7. attached:", agent.ID, agent.Name, len(agent.Tools.MCPServers))

	tools, err := client.Agents.ListTools(ctx, agent.ID)
	if err != nil {
		return fmt.Errorf("8. agent tools: %w", err)
	}
	fmt.Fprintf(out, "%-24s %d native, %d MCP servers\n", "8. agent's tools:", len(tools.Native), len(tools.MCPServers))
	for _, s := range tools.MCPServers {
		fmt.Fprintf(out, "%-24s id=%s name=%q enabled=%t\n", "", s.ID, s.Name, s.Enabled)
	}

	var users []string
	for a, err := range client.Agents.List(ctx, paradigm.AgentListParams{}) {
		if err != nil {
			return fmt.Errorf("9. used by: %w", err)
		}
		ids, err := a.MCPServerIDs()
		if err != nil {
			return fmt.Errorf("9. used by: %w", err)
		}
		if slices.Contains(ids, srv.ID) {
			users = append(users, fmt.Sprintf("%d %q", a.ID, a.Name))
		}
	}
	fmt.Fprintf(out, "%-24s %s\n", "9. used by:", strings.Join(users, ", "))

	if agent, err = client.Agents.DetachMCPServers(ctx, agent.ID, []uuid.UUID{srv.ID}); err != nil {
		return fmt.Errorf("10. detach: %w", err)
	}
	fmt.Fprintf(out, "%-24s agent=%d mcp_servers=%d\n", "10. detached:", agent.ID, len(agent.Tools.MCPServers))
	return nil
}

func show(out io.Writer, label string, s *paradigm.MCPServer) {
	fmt.Fprintf(out, "%-24s id=%s name=%q enabled=%t auth=%s has_credentials=%t scope=%s\n",
		label+":", s.ID, s.Name, s.Enabled, s.AuthMethod, s.HasCredentials, s.AvailabilityScope)
}
