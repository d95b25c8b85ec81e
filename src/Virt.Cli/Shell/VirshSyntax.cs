using System.CommandLine;

namespace Virt.Cli.Shell;

/// <summary>One command of a command line, checked, as the argument list System.CommandLine gets.</summary>
public sealed record ParsedCommand(VirshCommand Command, IReadOnlyList<string> Arguments);

/// <summary>
/// virsh's command syntax (<c>vshCommandParse</c>, libvirt 9.0) over <see cref="VirshCommand"/>s:
/// options by name (<c>--domain x</c>, <c>--domain=x</c>), values in order for data options and for
/// the string and number options virsh lets fill in order, <c>--</c> to make the rest data, and
/// <c>--help</c> anywhere for the command's help. Errors carry virsh's texts, and the whole line is
/// checked before anything runs.
/// </summary>
public static class VirshSyntax
{
    /// <summary>Parses every command of <paramref name="tokens"/>; <paramref name="debug"/> hears virsh's INFO lines.</summary>
    public static IReadOnlyList<ParsedCommand> Parse(Commands.CommandCatalog catalog, IReadOnlyList<CommandToken> tokens,
        Action<string>? debug = null)
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
            var command = catalog.Find(name) ?? throw new CommandSyntaxException($"unknown command: '{name}'");
            i++;
            var end = i;
            while (end < tokens.Count && !tokens[end].IsEnd) end++;
            commands.Add(ParseOne(catalog, command, tokens.Skip(i).Take(end - i).Select(t => t.Text).ToList(), debug));
            i = end;
        }
        return commands;
    }

    private static ParsedCommand ParseOne(Commands.CommandCatalog catalog, VirshCommand command, IReadOnlyList<string> words,
        Action<string>? debug)
    {
        var options = command.VirshOptions;
        var values = new Dictionary<VirshOption, List<string>>();
        var dataOnly = false;
        for (var k = 0; k < words.Count; k++)
        {
            var word = words[k];
            if (!dataOnly && word.Length > 2 && word.StartsWith("--", StringComparison.Ordinal) && char.IsAsciiLetterOrDigit(word[2]))
            {
                var eq = word.IndexOf('=', 2);
                var optName = eq < 0 ? word[2..] : word[2..eq];
                var inline = eq < 0 ? null : word[(eq + 1)..];
                if (optName == "help")
                    return HelpFor(catalog, command);
                var opt = options.FirstOrDefault(o => o.Name == optName);
                if (opt is null)
                {
                    if (command.Lenient) continue;
                    throw new CommandSyntaxException($"command '{command.Name}' doesn't support option --{optName}");
                }
                if (values.ContainsKey(opt) && opt.Kind != VirshOptionKind.Argv)
                    throw new CommandSyntaxException($"option --{optName} already seen");
                if (!opt.TakesValue)
                {
                    if (inline is not null) throw new CommandSyntaxException($"invalid '=' after option --{optName}");
                    values[opt] = [];
                    debug?.Invoke($"{command.Name}: {opt.Name}(bool): (none)");
                    continue;
                }
                if (inline is null)
                {
                    if (k + 1 >= words.Count)
                        throw new CommandSyntaxException(
                            $"expected syntax: --{optName} <{(opt.Kind == VirshOptionKind.Int ? "number" : "string")}>");
                    inline = words[++k];
                }
                Add(values, opt, inline);
                debug?.Invoke($"{command.Name}: {opt.Name}(optdata): {inline}");
            }
            else if (!dataOnly && word == "--")
            {
                dataOnly = true;
            }
            else
            {
                var next = options.FirstOrDefault(o => o.Positional && (o.Kind == VirshOptionKind.Argv || !values.ContainsKey(o)));
                if (next is null)
                {
                    if (command.Lenient) continue;
                    throw new CommandSyntaxException($"unexpected data '{word}'");
                }
                Add(values, next, word);
                debug?.Invoke($"{command.Name}: {next.Name}(optdata): {word}");
            }
        }

        var missing = options.Where(o => o.Required && !values.ContainsKey(o)).ToList();
        if (missing.Count > 0)
            throw new CommandSyntaxException(string.Join("\n", missing.Select(m =>
                m.Kind is VirshOptionKind.Data or VirshOptionKind.Argv
                    ? $"command '{command.Name}' requires <{m.Name}> option"
                    : $"command '{command.Name}' requires --{m.Name} option")));

        return new ParsedCommand(command, ToSystemCommandLine(command, values));
    }

    private static void Add(Dictionary<VirshOption, List<string>> values, VirshOption opt, string value)
    {
        if (!values.TryGetValue(opt, out var list)) values[opt] = list = [];
        list.Add(value);
    }

    /// <summary>virsh answers <c>CMD --help</c> with <c>help CMD</c>.</summary>
    private static ParsedCommand HelpFor(Commands.CommandCatalog catalog, VirshCommand command)
    {
        var help = catalog.Find("help") ?? throw new CommandSyntaxException("unknown command: 'help'");
        return new ParsedCommand(help, ["help", "--command", command.Name]);
    }

    /// <summary>The same command in System.CommandLine's own syntax: named options first, then <c>--</c> and the data.</summary>
    private static List<string> ToSystemCommandLine(VirshCommand command, Dictionary<VirshOption, List<string>> values)
    {
        var args = new List<string> { command.Name };
        foreach (var opt in command.VirshOptions.Where(o => o.Symbol is Option && values.ContainsKey(o)))
        {
            args.Add(opt.SymbolName);
            if (opt.TakesValue) args.Add(values[opt][0]);
        }
        var data = command.VirshOptions.Where(o => o.Symbol is Argument).TakeWhile(values.ContainsKey)
            .SelectMany(o => values[o]).ToList();
        if (data.Count > 0)
        {
            args.Add("--");
            args.AddRange(data);
        }
        return args;
    }
}
