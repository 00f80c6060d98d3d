package provider

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/paradigm-go/sdk/paradigm/termtext"
)

// tflogHandler writes the SDK's log records (one per API call attempt: the
// method and path, status, request ID, attempt, duration) through tflog,
// so they reach Terraform's log under TF_LOG with the RPC's own fields.
// tflog's logger travels in the context, and the SDK logs with the context
// the provider passed it: the RPC's.
type tflogHandler struct {
	// secrets are masked in every line whatever carries them; the SDK logs
	// neither headers nor bodies, so this is a second guard.
	secrets []string
	fields  map[string]any // from WithAttrs, keyed with their groups
	prefix  string         // the groups opened by WithGroup, "a.b."
}

func newTFLogHandler(secrets ...string) *tflogHandler {
	return &tflogHandler{secrets: secrets}
}

// Enabled asks tflog, which reads TF_LOG and TF_LOG_PROVIDER, so the SDK
// builds no record Terraform would drop.
func (h *tflogHandler) Enabled(ctx context.Context, level slog.Level) bool {
	switch {
	case level < slog.LevelDebug:
		return tflog.IsTrace(ctx)
	case level < slog.LevelInfo:
		return tflog.IsDebug(ctx)
	case level < slog.LevelWarn:
		return tflog.IsInfo(ctx)
	case level < slog.LevelError:
		return tflog.IsWarn(ctx)
	}
	return tflog.IsError(ctx)
}

func (h *tflogHandler) Handle(ctx context.Context, r slog.Record) error {
	fields := maps.Clone(h.fields)
	if fields == nil {
		fields = make(map[string]any, r.NumAttrs())
	}
	r.Attrs(func(a slog.Attr) bool {
		addField(fields, h.prefix, a)
		return true
	})
	if len(h.secrets) > 0 {
		ctx = tflog.MaskLogStrings(ctx, h.secrets...)
	}
	msg := termtext.Escape(r.Message)
	switch {
	case r.Level < slog.LevelDebug:
		tflog.Trace(ctx, msg, fields)
	case r.Level < slog.LevelInfo:
		tflog.Debug(ctx, msg, fields)
	case r.Level < slog.LevelWarn:
		tflog.Info(ctx, msg, fields)
	case r.Level < slog.LevelError:
		tflog.Warn(ctx, msg, fields)
	default:
		tflog.Error(ctx, msg, fields)
	}
	return nil
}

func (h *tflogHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	next := *h
	next.fields = maps.Clone(h.fields)
	if next.fields == nil {
		next.fields = make(map[string]any, len(attrs))
	}
	for _, a := range attrs {
		addField(next.fields, h.prefix, a)
	}
	return &next
}

func (h *tflogHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	next := *h
	next.prefix = h.prefix + name + "."
	return &next
}

// addField flattens a into fields, a group's members as "group.key", as
// slog's own handlers do.
func addField(fields map[string]any, prefix string, a slog.Attr) {
	a.Value = a.Value.Resolve()
	if a.Equal(slog.Attr{}) {
		return
	}
	if a.Value.Kind() == slog.KindGroup {
		if a.Key != "" {
			prefix += a.Key + "."
		}
		for _, member := range a.Value.Group() {
			addField(fields, prefix, member)
		}
		return
	}
	fields[prefix+a.Key] = fieldValue(a.Value)
}

// fieldValue is v as tflog writes it: durations and times readable, and
// text (an error's, which may quote the server) escaped.
func fieldValue(v slog.Value) any {
	switch v.Kind() {
	case slog.KindString:
		return termtext.Escape(v.String())
	case slog.KindInt64, slog.KindUint64, slog.KindFloat64, slog.KindBool:
		return v.Any()
	case slog.KindDuration:
		return v.Duration().String()
	case slog.KindTime:
		return v.Time().Format(time.RFC3339Nano)
	}
	if err, ok := v.Any().(error); ok {
		return termtext.Escape(err.Error())
	}
	return termtext.Escape(fmt.Sprint(v.Any()))
}

var _ slog.Handler = (*tflogHandler)(nil)
