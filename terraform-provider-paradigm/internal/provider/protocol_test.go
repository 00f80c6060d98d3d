package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/stretchr/testify/require"
)

// protocol drives the provider as Terraform does, through its protocol
// server, for what the acceptance harness cannot see: how many diagnostics
// one mistake gives, and the text of warnings.
type protocol struct {
	server   tfprotov6.ProviderServer
	resource string         // the resource type it drives
	typ      tftypes.Object // the resource's
}

// newProtocol drives paradigm_mcp_server.
func newProtocol(t *testing.T) *protocol {
	t.Helper()
	return newProtocolFor(t, "paradigm_mcp_server")
}

// newProtocolFor drives one resource type, of an unconfigured provider:
// what it does there sends nothing.
func newProtocolFor(t *testing.T, resource string) *protocol {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	require.NoError(t, err)
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	require.NoError(t, err)
	require.Empty(t, schemas.Diagnostics)
	typ, ok := schemas.ResourceSchemas[resource].ValueType().(tftypes.Object)
	require.True(t, ok)
	return &protocol{server: server, resource: resource, typ: typ}
}

// value is an object of the resource's type with attrs set and every
// other attribute null; nil attrs is a null object.
func (p *protocol) value(t *testing.T, attrs map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	v := tftypes.NewValue(p.typ, nil)
	if attrs != nil {
		all := make(map[string]tftypes.Value, len(p.typ.AttributeTypes))
		for name, typ := range p.typ.AttributeTypes {
			all[name] = tftypes.NewValue(typ, nil)
		}
		for name, value := range attrs {
			require.Contains(t, all, name)
			all[name] = value
		}
		v = tftypes.NewValue(p.typ, all)
	}
	dv, err := tfprotov6.NewDynamicValue(p.typ, v)
	require.NoError(t, err)
	return &dv
}

// validate is Terraform's validation of the resource's configuration: the schema's validators and the resource's own, together.
func (p *protocol) validate(t *testing.T, config map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	resp, err := p.server.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{
		TypeName: p.resource, Config: p.value(t, config),
		ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: true}})
	require.NoError(t, err)
	return resp.Diagnostics
}

// plan is Terraform's plan of the resource from prior to config
// (the proposed new state is config over prior, as Terraform makes it for
// these attributes); nil config plans a destroy.
func (p *protocol) plan(t *testing.T, prior, config map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	return p.planResponse(t, prior, config).Diagnostics
}

// planResponse is plan's whole answer: the planned state, what forces a
// replacement, and the diagnostics.
func (p *protocol) planResponse(t *testing.T, prior, config map[string]tftypes.Value) *tfprotov6.PlanResourceChangeResponse {
	t.Helper()
	var proposed map[string]tftypes.Value
	if config != nil {
		proposed = map[string]tftypes.Value{}
		for k, v := range prior {
			proposed[k] = v
		}
		for k, v := range config {
			proposed[k] = v
		}
	}
	resp, err := p.server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: p.resource, PriorState: p.value(t, prior), ProposedNewState: p.value(t, proposed),
		Config: p.value(t, config)})
	require.NoError(t, err)
	return resp
}

// destroy is Terraform's apply of a destroy of the resource in prior: its
// Delete.
func (p *protocol) destroy(t *testing.T, prior map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	resp, err := p.server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName: p.resource, PriorState: p.value(t, prior), PlannedState: p.value(t, nil), Config: p.value(t, nil)})
	require.NoError(t, err)
	return resp.Diagnostics
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func unknownStr() tftypes.Value { return tftypes.NewValue(tftypes.String, tftypes.UnknownValue) }

func num(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }

func boolean(b bool) tftypes.Value { return tftypes.NewValue(tftypes.Bool, b) }

// errorsIn keeps the error diagnostics.
func errorsIn(diags []*tfprotov6.Diagnostic) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			out = append(out, d)
		}
	}
	return out
}

// describe writes diagnostics for a failure message.
func describe(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "\n  %s: %s: %s (at %v)", d.Severity, d.Summary, d.Detail, d.Attribute)
	}
	return b.String()
}
