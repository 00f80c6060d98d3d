package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/template"

	"github.com/paradigm-go/sdk/paradigm"
)

const completionHelp = `Print a shell completion script for paradigm: commands, flags, and the values
of --auth, --scope, --ownership, --method, -o/--output and this command's shell.

Usage:
  paradigm completion bash|zsh|fish

Load it:
  bash  source <(paradigm completion bash)   # in ~/.bashrc, or save it as
        /etc/bash_completion.d/paradigm
  zsh   source <(paradigm completion zsh)    # in ~/.zshrc, after compinit, or save
        it as _paradigm in a folder of $fpath
  fish  paradigm completion fish > ~/.config/fish/completions/paradigm.fish

The script is written from this binary's commands and flags: write it again
after an upgrade.
`

// init sets completion's run in the command table: a reference from the
// table's literal would be an initialization cycle, as completion reads
// the table.
func init() {
	commands[slices.IndexFunc(commands, func(r commandRow) bool { return r.name == "completion" })].run = (*cli).completion
}

// completionShells are the shells completion writes a script for.
var completionShells = []string{"bash", "zsh", "fish"}

// completion is paradigm completion SHELL.
func (c *cli) completion(args []string) error {
	positional, err := c.parse(c.newFlagSet("completion", completionHelp), args)
	if err != nil {
		return err
	}
	if len(positional) != 1 {
		return usagef("completion takes one shell, %s; got %d arguments (see --help)", orList(completionShells), len(positional))
	}
	shell := positional[0]
	if !slices.Contains(completionShells, shell) {
		return usagef("completion: unknown shell %s: %s (see --help)", quote(shell), orList(completionShells))
	}
	if err := c.checkGlobal(); err != nil {
		return err
	}
	spec, err := readCompletionSpec()
	if err != nil {
		return err
	}
	return completionScripts.ExecuteTemplate(c.stdout, shell, spec)
}

// completionSpec is what the scripts offer, read from the command table and
// from each command's own flag set, so a new command or flag is offered
// with no change here.
type completionSpec struct {
	// Top is what may follow the global flags: the groups, then the
	// commands outside any group.
	Top []string
	// Groups are the groups with their commands.
	Groups []completionGroup
	// Commands are every command's flags; the first, named "", is the
	// global level's (before any command).
	Commands []completionCommand
	// ValueFlags take a separate value ("--name docs"); the others stand
	// alone or take theirs after "=".
	ValueFlags []string
	// FileFlags take a file's path.
	FileFlags []string
	// Values are the values of the flags that take one of a list.
	Values []completionValues
}

// completionGroup is a group and its commands.
type completionGroup struct {
	Name     string
	Commands []completionWord
}

// completionWord is a word to offer and what it does (fish shows it).
type completionWord struct{ Word, Help string }

// completionCommand is a command's flags, as typed ("--name", "-o").
type completionCommand struct {
	Name  string
	Flags []completionFlag
	// Args are the values of its one argument (completion's shells).
	Args []string
}

// completionFlag is one flag of a command.
type completionFlag struct {
	Flag  string // "--name" or "-o"
	Name  string // "name" or "o"
	Help  string
	Value bool // takes a separate value
	File  bool // the value is a path
}

// completionValues are the values one flag takes.
type completionValues struct {
	Flag   string
	Values []string
}

// flagChoices are the values a flag takes, from the SDK's lists and the
// command's own; nil for a free value.
func flagChoices(name string) []string {
	var choices []string
	switch name {
	case "auth":
		for _, m := range paradigm.AuthMethods() {
			choices = append(choices, string(m))
		}
	case "scope":
		for _, s := range paradigm.AvailabilityScopes() {
			choices = append(choices, string(s))
		}
	case "ownership":
		choices = ownershipNames()
	case "method":
		choices = apiMethods
	case "o", "output":
		choices = outputFormats
	}
	return choices
}

// commandArgs are the values of a command's one argument, for the
// commands whose argument is one of a list.
func commandArgs(name string) []string {
	if name == "completion" {
		return completionShells
	}
	return nil
}

// readCompletionSpec builds the spec: each command's flag set is built as
// the command builds it, and read instead of parsed.
func readCompletionSpec() (completionSpec, error) {
	var spec completionSpec
	spec.Top = groups()
	for _, g := range spec.Top {
		group := completionGroup{Name: g}
		for _, r := range inGroup(g) {
			_, sub := r.group()
			group.Commands = append(group.Commands, completionWord{Word: sub, Help: r.summary})
		}
		spec.Groups = append(spec.Groups, group)
	}
	for _, r := range commands {
		if g, _ := r.group(); g == "" {
			spec.Top = append(spec.Top, r.name)
		}
	}

	inspector := func(flags *[]*flag.Flag) *cli {
		return &cli{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
			inspect: func(fs *command) {
				fs.VisitAll(func(f *flag.Flag) { *flags = append(*flags, f) })
			}}
	}
	var global []*flag.Flag
	c := inspector(&global)
	c.inspect(c.newFlagSet("paradigm", ""))
	spec.add("", global)
	for _, r := range commands {
		var flags []*flag.Flag
		if err := r.run(inspector(&flags), nil); !errors.Is(err, errInspected) {
			return completionSpec{}, fmt.Errorf("completion: %q ran before parsing its flags: %w", r.name, err)
		}
		spec.add(r.name, flags)
	}
	return spec, nil
}

// add adds a command's flags, and what they take to the spec's lists.
func (spec *completionSpec) add(name string, flags []*flag.Flag) {
	cmd := completionCommand{Name: name, Args: commandArgs(name)}
	for _, f := range flags {
		if hidden(f) {
			continue
		}
		typed := "--" + f.Name
		if len(f.Name) == 1 {
			typed = "-" + f.Name
		}
		valueName, usage := flag.UnquoteUsage(f)
		isBool := false
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok {
			isBool = b.IsBoolFlag()
		}
		cf := completionFlag{Flag: typed, Name: f.Name, Help: strings.SplitN(usage, "\n", 2)[0], Value: !isBool,
			File: !isBool && valueName == "PATH"}
		cmd.Flags = append(cmd.Flags, cf)
		if cf.Value && !slices.Contains(spec.ValueFlags, typed) {
			spec.ValueFlags = append(spec.ValueFlags, typed)
		}
		if cf.File && !slices.Contains(spec.FileFlags, typed) {
			spec.FileFlags = append(spec.FileFlags, typed)
		}
		values := flagChoices(f.Name)
		if isBool {
			values = []string{"true", "false"} // after "=": --enabled=false
		}
		if len(values) > 0 && !slices.ContainsFunc(spec.Values, func(v completionValues) bool { return v.Flag == typed }) {
			spec.Values = append(spec.Values, completionValues{Flag: typed, Values: values})
		}
	}
	// Not in any flag set: the flag package answers them itself.
	cmd.Flags = append(cmd.Flags, completionFlag{Flag: "--help", Name: "help", Help: "show this command's help"})
	spec.Commands = append(spec.Commands, cmd)
}

// completionScripts are the scripts, one template per shell. Each walks the
// words typed so far to find the command, skipping flags and their values,
// then offers the value of the flag before the cursor, the command's flags
// after a "-", or the next command word.
var completionScripts = template.Must(template.New("").Funcs(template.FuncMap{
	"words": func(words []string) string { return strings.Join(words, " ") },
	"flagWords": func(flags []completionFlag) string {
		var words []string
		for _, f := range flags {
			words = append(words, f.Flag)
		}
		return strings.Join(words, " ")
	},
	// quote quotes for bash and zsh, whose single quotes take no escape:
	// a quote in the word ends them, is escaped, and restarts them.
	"quote": func(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" },
	// fishQuote quotes for fish, whose single quotes take \' and \\.
	"fishQuote": func(s string) string {
		return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
	},
}).Parse(bashCompletion + zshCompletion + fishCompletion))

const bashCompletion = `{{define "bash"}}# bash completion for paradigm. Load it with: source <(paradigm completion bash)
# Written by 'paradigm completion bash' from this binary's commands and flags.

_paradigm_groups=' {{range .Groups}}{{.Name}} {{end}}'
_paradigm_value_flags=' {{words .ValueFlags}} '
_paradigm_file_flags=' {{words .FileFlags}} '

_paradigm_words() {
	case $1 in
	'') echo {{quote (words .Top)}} ;;
{{- range .Groups}}
	{{quote .Name}}) echo '{{range $i, $c := .Commands}}{{if $i}} {{end}}{{$c.Word}}{{end}}' ;;
{{- end}}
	esac
}

_paradigm_flags() {
	case $1 in
{{- range .Commands}}
	{{quote .Name}}) echo {{quote (flagWords .Flags)}} ;;
{{- end}}
	*) echo '--help' ;;
	esac
}

_paradigm_args() {
	case $1 in
{{- range .Commands}}{{if .Args}}
	{{quote .Name}}) echo {{quote (words .Args)}} ;;
{{- end}}{{end}}
	esac
}

_paradigm_values() {
	case $1 in
{{- range .Values}}
	{{.Flag}}) echo {{quote (words .Values)}} ;;
{{- end}}
	esac
}

# _paradigm_reply adds its input's lines to COMPREPLY (a file name may hold
# spaces; mapfile is not in bash 3).
_paradigm_reply() {
	local line
	while IFS= read -r line; do
		COMPREPLY+=("$line")
	done
}

_paradigm() {
	local cur=${COMP_WORDS[COMP_CWORD]} flag='' key='' word i
	local -a seen=()
	COMPREPLY=()
	# The words before the cursor: flags, their values ("--auth x", or
	# "--auth" "=" "x" as bash splits "--auth=x") and, left, the command.
	for ((i = 1; i < COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		case $word in
		--) break ;;
		-*=*) ;;
		-*)
			if [[ ${COMP_WORDS[i+1]-} == = ]]; then
				((i + 2 >= COMP_CWORD)) && flag=$word # "--auth=", "--auth=b"
				((i += 2))
			elif [[ $_paradigm_value_flags == *" $word "* ]]; then
				((i + 1 == COMP_CWORD)) && flag=$word # "--auth b"
				((i += 1))
			fi
			;;
		*) seen+=("$word") ;;
		esac
	done
	key=${seen[0]-}
	local depth=1
	if [[ -n $key && $_paradigm_groups == *" $key "* && ${#seen[@]} -gt 1 ]]; then
		key="$key ${seen[1]}" depth=2
	fi

	# A flag's value: found above, or typed as one word when "=" is not
	# in COMP_WORDBREAKS.
	local prefix=
	if [[ -n $flag ]]; then
		[[ $cur == = ]] && cur=
	elif [[ $cur == -*=* ]]; then
		flag=${cur%%=*} prefix=${cur%%=*}= cur=${cur#*=}
	fi
	if [[ -n $flag ]]; then
		if [[ $_paradigm_file_flags == *" $flag "* ]]; then
			compopt -o filenames 2>/dev/null
			_paradigm_reply < <(compgen -f -P "$prefix" -- "$cur")
		else
			_paradigm_reply < <(compgen -P "$prefix" -W "$(_paradigm_values "$flag")" -- "$cur")
		fi
		return 0
	fi
	if [[ $cur == -* ]]; then
		_paradigm_reply < <(compgen -W "$(_paradigm_flags "$key")" -- "$cur")
		return 0
	fi
	if [[ -z $key || ($_paradigm_groups == *" $key "* && ${#seen[@]} -eq 1) ]]; then
		_paradigm_reply < <(compgen -W "$(_paradigm_words "$key")" -- "$cur")
	elif [[ ${#seen[@]} -eq $depth ]]; then
		_paradigm_reply < <(compgen -W "$(_paradigm_args "$key")" -- "$cur")
	fi
	return 0
}

complete -F _paradigm paradigm
{{end}}`

const zshCompletion = `{{define "zsh"}}#compdef paradigm
# zsh completion for paradigm. Load it with: source <(paradigm completion zsh)
# after compinit, or save it as _paradigm in a folder of $fpath.
# Written by 'paradigm completion zsh' from this binary's commands and flags.

_paradigm() {
	local cur=${words[CURRENT]} flag='' key='' word i
	local -a seen choices
	local groups=' {{range .Groups}}{{.Name}} {{end}}'
	local value_flags=' {{words .ValueFlags}} '
	local file_flags=' {{words .FileFlags}} '
	for ((i = 2; i < CURRENT; i++)); do
		word=${words[i]}
		case $word in
		--) break ;;
		-*=*) ;;
		-*)
			if [[ $value_flags == *" $word "* ]]; then
				((i + 1 == CURRENT)) && flag=$word # "--auth b"
				((i += 1))
			fi
			;;
		*) seen+=("$word") ;;
		esac
	done
	key=${seen[1]-}
	local depth=1
	if [[ -n $key && $groups == *" $key "* && ${#seen} -gt 1 ]]; then
		key="$key ${seen[2]}" depth=2
	fi

	if [[ -z $flag && $cur == -*=* ]]; then # "--auth=b"
		flag=${cur%%=*}
		compset -P '*='
	fi
	if [[ -n $flag ]]; then
		if [[ $file_flags == *" $flag "* ]]; then
			_files
			return
		fi
		case $flag in
{{- range .Values}}
		{{.Flag}}) choices=({{words .Values}}) ;;
{{- end}}
		esac
		compadd -a choices
		return
	fi
	if [[ $cur == -* ]]; then
		case $key in
{{- range .Commands}}
		{{quote .Name}}) choices=({{flagWords .Flags}}) ;;
{{- end}}
		*) choices=(--help) ;;
		esac
		compadd -a choices
		return
	fi
	if [[ -z $key ]]; then
		choices=({{words .Top}})
	elif [[ $groups == *" $key "* && ${#seen} -eq 1 ]]; then
		case $key in
{{- range .Groups}}
		{{quote .Name}}) choices=({{range .Commands}}{{.Word}} {{end}}) ;;
{{- end}}
		esac
	elif [[ ${#seen} -eq $depth ]]; then
		case $key in
{{- range .Commands}}{{if .Args}}
		{{quote .Name}}) choices=({{words .Args}}) ;;
{{- end}}{{end}}
		esac
	fi
	compadd -a choices
}

if [[ $funcstack[1] == _paradigm ]]; then
	_paradigm "$@"
else
	compdef _paradigm paradigm
fi
{{end}}`

const fishCompletion = `{{define "fish"}}# fish completion for paradigm. Load it with:
#   paradigm completion fish > ~/.config/fish/completions/paradigm.fish
# Written by 'paradigm completion fish' from this binary's commands and flags.

set -g __paradigm_value_flags {{words .ValueFlags}}

# The words typed before the cursor that are neither flags nor their values.
function __paradigm_words
    set -l skip 0
    for word in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case --
                break
            case '-*=*'
            case '-*'
                if contains -- $word $__paradigm_value_flags
                    set skip 1
                end
            case '*'
                echo $word
        end
    end
end

# __paradigm_at succeeds when the command typed so far is $argv[1] ("", a
# group, or a group and its command); with --first-arg, only before the
# command's first argument.
function __paradigm_at
    set -l seen (__paradigm_words)
    set -l command $seen[1]
    set -l depth 1
    if test (count $seen) -ge 2; and contains -- $seen[1]{{range .Groups}} {{.Name}}{{end}}
        set command "$seen[1] $seen[2]"
        set depth 2
    end
    test "$command" = "$argv[1]"; or return 1
    if test "$argv[2]" = --first-arg
        test (count $seen) -eq $depth
    end
end

complete -c paradigm -f
{{- range .Top}}
complete -c paradigm -n '__paradigm_at ""' -a {{.}}
{{- end}}
{{- range $g := .Groups}}{{range .Commands}}
complete -c paradigm -n {{fishQuote (printf "__paradigm_at %s" $g.Name)}} -a {{.Word}} -d {{fishQuote .Help}}
{{- end}}{{end}}
{{- range $c := .Commands}}{{range .Flags}}
complete -c paradigm -n {{fishQuote (printf "__paradigm_at '%s'" $c.Name)}} {{if eq (len .Name) 1}}-s{{else}}-l{{end}} {{.Name}}
{{- if .File}} -r -F{{else if .Value}} -x{{end}}
{{- with $.ChoicesOf .Flag}} -a {{fishQuote (words .)}}{{end}} -d {{fishQuote .Help}}
{{- end}}{{if .Args}}
complete -c paradigm -n {{fishQuote (printf "__paradigm_at '%s' --first-arg" $c.Name)}} -a {{fishQuote (words .Args)}}
{{- end}}{{end}}
{{end}}`

// ChoicesOf are the values a typed flag takes, for a flag whose value is
// one of a list.
func (spec completionSpec) ChoicesOf(typed string) []string {
	for _, v := range spec.Values {
		if v.Flag == typed && !slices.Equal(v.Values, []string{"true", "false"}) {
			return v.Values
		}
	}
	return nil
}
