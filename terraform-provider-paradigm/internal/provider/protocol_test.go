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
	server tfprotov6.ProviderServer
	typ    tftypes.Object // paradigm_mcp_server's
}

func newProtocol(t *testing.T) *protocol {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	require.NoError(t, err)
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	require.NoError(t, err)
	require.Empty(t, schemas.Diagnostics)
	typ, ok := schemas.ResourceSchemas["paradigm_mcp_server"].ValueType().(tftypes.Object)
	require.True(t, ok)
	return &protocol{server: server, typ: typ}
}

// value is a paradigm_mcp_server object with attrs set and every other
// attribute null; nil attrs is a null object.
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

// validate is Terraform's validation of a paradigm_mcp_server's
// configuration: the schema's validators and the resource's own, together.
func (p *protocol) validate(t *testing.T, config map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	resp, err := p.server.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{
		TypeName: "paradigm_mcp_server", Config: p.value(t, config),
		ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: true}})
	require.NoError(t, err)
	return resp.Diagnostics
}

// plan is Terraform's plan of a paradigm_mcp_server from prior to config
// (the proposed new state is config over prior, as Terraform makes it for
// these attributes); nil config plans a destroy.
func (p *protocol) plan(t *testing.T, prior, config map[string]tftypes.Value) []*tfprotov6.Diagnostic {
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
		TypeName: "paradigm_mcp_server", PriorState: p.value(t, prior), ProposedNewState: p.value(t, proposed),
		Config: p.value(t, config)})
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
