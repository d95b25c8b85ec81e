using System.CommandLine;

namespace Virt.Cli.Shell;

/// <summary>One command of a command line, checked, as the argument list System.CommandLine gets.</summary>
public sealed record ParsedCommand(Command Command, IReadOnlyList<string> Arguments);

/// <summary>
/// virsh's command syntax (<c>vshCommandParse</c>) over commands declared with System.CommandLine:
/// a command's <see cref="Argument"/>s are virsh's data options (given in order, or by name as
/// <c>--domain x</c> / <c>--domain=x</c>), its <see cref="Option{T}"/>s of bool are flags, other
/// options need a value. <c>--</c> makes the rest data. Errors carry virsh's texts, and the whole
/// line is checked before anything runs.
/// </summary>
public static class VirshSyntax
{
    public static IReadOnlyList<ParsedCommand> Parse(RootCommand root, IReadOnlyList<CommandToken> tokens)
    {
        var commands = new List<ParsedCommand>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (tokens[i].IsEnd)
            {
                i++;
                continue;
            }
            var name = tokens[i].Text;
            if (name.StartsWith('#'))
            {
                // A comment where a command name would be: skip to the end of this command.
                while (i < tokens.Count && !tokens[i].IsEnd) i++;
                continue;
            }
            var command = root.Subcommands.FirstOrDefault(c => c.Name == name && !c.Hidden)
                ?? throw new CommandSyntaxException($"unknown command: '{name}'");
            i++;
            var end = i;
            while (end < tokens.Count && !tokens[end].IsEnd) end++;
            commands.Add(ParseOne(command, tokens.Skip(i).Take(end - i).Select(t => t.Text).ToList()));
            i = end;
        }
        return commands;
    }

    private static ParsedCommand ParseOne(Command command, IReadOnlyList<string> words)
    {
        var options = VirshOption.Of(command);
        var values = new Dictionary<VirshOption, string?>();
        var dataOnly = false;
        for (var k = 0; k < words.Count; k++)
        {
            var word = words[k];
            if (!dataOnly && word.Length > 2 && word.StartsWith("--", StringComparison.Ordinal) && char.IsAsciiLetterOrDigit(word[2]))
            {
                var eq = word.IndexOf('=', 2);
                var optName = eq < 0 ? word[2..] : word[2..eq];
                var inline = eq < 0 ? null : word[(eq + 1)..];
                var opt = options.FirstOrDefault(o => o.Name == optName)
                    ?? throw new CommandSyntaxException($"command '{command.Name}' doesn't support option --{optName}");
                if (values.ContainsKey(opt)) throw new CommandSyntaxException($"option --{optName} already seen");
                if (opt.IsFlag)
                {
                    if (inline is not null) throw new CommandSyntaxException($"invalid '=' after option --{optName}");
                    values[opt] = null;
                }
                else
                {
                    if (inline is null)
                    {
                        if (k + 1 >= words.Count) throw new CommandSyntaxException($"expected syntax: --{optName} <string>");
                        inline = words[++k];
                    }
                    values[opt] = inline;
                }
            }
            else if (!dataOnly && word == "--")
            {
                dataOnly = true;
            }
            else
            {
                var next = options.FirstOrDefault(o => o.IsData && !values.ContainsKey(o))
                    ?? throw new CommandSyntaxException($"unexpected data '{word}'");
                values[next] = word;
            }
        }

        var missing = options.FirstOrDefault(o => o.Required && !values.ContainsKey(o));
        if (missing is not null)
            throw new CommandSyntaxException(missing.IsData
                ? $"command '{command.Name}' requires <{missing.Name}> option"
                : $"command '{command.Name}' requires --{missing.Name} option");

        return new ParsedCommand(command, ToSystemCommandLine(command, options, values));
    }

    /// <summary>The same command in System.CommandLine's own syntax: named options first, then <c>--</c> and the data.</summary>
    private static List<string> ToSystemCommandLine(Command command, IReadOnlyList<VirshOption> options,
        Dictionary<VirshOption, string?> values)
    {
        var args = new List<string> { command.Name };
        foreach (var opt in options.Where(o => !o.IsData && values.ContainsKey(o)))
        {
            args.Add(opt.SymbolName);
            if (!opt.IsFlag) args.Add(values[opt]!);
        }
        var data = options.Where(o => o.IsData).TakeWhile(values.ContainsKey).Select(o => values[o]!).ToList();
        if (data.Count > 0)
        {
            args.Add("--");
            args.AddRange(data);
        }
        return args;
    }

    /// <summary>An option in virsh's terms, read from the System.CommandLine declaration.</summary>
    private sealed record VirshOption(string Name, string SymbolName, bool IsData, bool IsFlag, bool Required)
    {
        public static List<VirshOption> Of(Command command) =>
        [
            .. command.Arguments.Select(a => new VirshOption(a.Name, a.Name, IsData: true, IsFlag: false,
                Required: a.Arity.MinimumNumberOfValues > 0)),
            .. command.Options.Where(o => !o.Hidden).Select(o => new VirshOption(o.Name.TrimStart('-'), o.Name, IsData: false,
                IsFlag: o.ValueType == typeof(bool), Required: o.Required)),
        ];
    }
}
