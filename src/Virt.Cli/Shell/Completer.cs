using System.Xml.Linq;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Cli.Commands;

namespace Virt.Cli.Shell;

/// <summary>
/// Completion for the shell's Tab key and for bash (<c>virt completion bash</c> installs a function
/// that calls the hidden <c>virt __complete LINE CURRENT-WORD</c>): command names, global options,
/// a command's options, and values — domain names from the connection, event types, shutdown modes,
/// disk targets, command names for <c>help</c>, file names.
/// </summary>
public sealed class Completer(CommandContext ctx, bool forBash = false)
{
    private static readonly string[] GlobalOptionNames =
    [
        "-c", "-d", "-e", "-h", "-k", "-K", "-l", "-q", "-r", "-t", "-v", "-V", "--connect", "--debug", "--escape",
        "--help", "--keepalive-interval", "--keepalive-count", "--log", "--quiet", "--readonly", "--timing", "--version",
    ];

    private static readonly string[] GlobalOptionsWithValue =
        ["-c", "-d", "-e", "-k", "-K", "-l", "--connect", "--debug", "--escape", "--keepalive-interval", "--keepalive-count", "--log"];

    /// <summary>Candidates for the word that ends <paramref name="line"/> (a shell command line, cursor at its end).</summary>
    public (int Start, IReadOnlyList<string> Candidates) Complete(string line)
    {
        var segment = line;
        var semicolon = LastUnquoted(line, ';');
        if (semicolon >= 0) segment = line[(semicolon + 1)..];
        var words = Split(segment, out var partial);
        var start = line.Length - partial.Length;
        return (start, Filter(Candidates(words, partial), partial));
    }

    private IEnumerable<string> Candidates(IReadOnlyList<string> words, string partial)
    {
        if (words.Count == 0)
            return ctx.Catalog.All.Where(c => !c.Hidden).Select(c => c.Name);
        if (ctx.Catalog.Find(words[0]) is not { } command) return [];

        var seen = new Dictionary<string, string?>();
        VirshOption? valueFor = null;
        var dataOnly = false;
        foreach (var word in words.Skip(1))
        {
            if (valueFor is not null)
            {
                seen[valueFor.Name] = word;
                valueFor = null;
                continue;
            }
            if (!dataOnly && word == "--")
            {
                dataOnly = true;
                continue;
            }
            if (!dataOnly && word.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = word.IndexOf('=');
                var name = eq < 0 ? word[2..] : word[2..eq];
                var opt = command.VirshOptions.FirstOrDefault(o => o.Name == name);
                if (opt is null) continue;
                if (opt.TakesValue && eq < 0) valueFor = opt;
                else seen[opt.Name] = eq < 0 ? null : word[(eq + 1)..];
                continue;
            }
            var next = command.VirshOptions.FirstOrDefault(o => o.Positional && !seen.ContainsKey(o.Name));
            if (next is not null && next.Kind != VirshOptionKind.Argv) seen[next.Name] = word;
        }

        if (valueFor is not null) return Values(command, valueFor, seen, partial);
        if (!dataOnly && partial.StartsWith('-'))
            return command.VirshOptions.Where(o => o.Kind == VirshOptionKind.Argv || !seen.ContainsKey(o.Name))
                .Select(o => "--" + o.Name);
        var positional = command.VirshOptions.FirstOrDefault(o => o.Positional && !seen.ContainsKey(o.Name));
        return positional is null ? [] : Values(command, positional, seen, partial);
    }

    private IEnumerable<string> Values(VirshCommand command, VirshOption option, Dictionary<string, string?> seen, string partial)
    {
        switch (option.Name)
        {
            case "domain":
                return DomainNames(command.DomainCompletion);
            case "command" when command.Name == "help":
                return ctx.Catalog.All.Where(c => !c.Hidden).Select(c => c.Name).Concat(VirshGroup.All.Select(g => g.Keyword));
            case "mode":
                return ["acpi", "agent", "initctl", "signal", "paravirt"];
            case "event":
                return DomainEventCommands.EventNames;
            case "format":
                return ["qemu-argv"];
            case "shell":
                return ["bash"];
            case "device" when seen.TryGetValue("domain", out var domain) && domain is not null:
                return DiskTargets(domain);
            case "file" or "xml" or "dir":
                return forBash ? [] : Files(partial);
            default:
                return [];
        }
    }

    private IEnumerable<string> DomainNames(DomainCompletion which)
    {
        if (!Connected()) return [];
        var flags = which switch
        {
            DomainCompletion.Active => ListDomainsFlags.Active,
            DomainCompletion.Inactive => ListDomainsFlags.Inactive,
            DomainCompletion.Paused => ListDomainsFlags.Paused,
            DomainCompletion.Persistent => ListDomainsFlags.Persistent,
            _ => ListDomainsFlags.None,
        };
        try
        {
            return ctx.Connection.ListAllDomainsAsync(flags).GetAwaiter().GetResult().Select(d => d.Name).ToList();
        }
        catch (VirtException)
        {
            return [];
        }
    }

    private IEnumerable<string> DiskTargets(string domain)
    {
        if (!Connected()) return [];
        try
        {
            var dom = DomainLookup.FindAsync(ctx.Connection, domain, LookupBy.Any, CancellationToken.None).GetAwaiter().GetResult();
            var xml = XDocument.Parse(dom.GetXmlDescAsync().GetAwaiter().GetResult());
            return xml.Root?.Element("devices")?.Elements("disk")
                .Select(d => d.Element("target")?.Attribute("dev")?.Value).OfType<string>().ToList() ?? [];
        }
        catch (Exception ex) when (ex is VirtException or CommandFailure or System.Xml.XmlException)
        {
            return [];
        }
    }

    private bool Connected()
    {
        try
        {
            return ctx.IsConnected || ctx.EnsureConnectedAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (VirtException)
        {
            return false;
        }
    }

    private static IEnumerable<string> Files(string partial)
    {
        var dir = Path.GetDirectoryName(partial);
        var lookIn = string.IsNullOrEmpty(dir) ? "." : dir;
        if (!Directory.Exists(lookIn)) return [];
        try
        {
            return Directory.EnumerateFileSystemEntries(lookIn)
                .Select(e => (string.IsNullOrEmpty(dir) ? Path.GetFileName(e) : Path.Combine(dir, Path.GetFileName(e)))
                             + (Directory.Exists(e) ? "/" : ""))
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static IReadOnlyList<string> Filter(IEnumerable<string> candidates, string partial) =>
        candidates.Where(c => c.StartsWith(partial, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The words of a command line before the cursor, and the partial word at the cursor ("" after a blank).</summary>
    private static List<string> Split(string text, out string partial)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var inWord = false;
        char quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else current.Append(c);
                continue;
            }
            if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
                continue;
            }
            if (c is ' ' or '\t')
            {
                if (inWord) words.Add(current.ToString());
                current.Clear();
                inWord = false;
                continue;
            }
            current.Append(c);
            inWord = true;
        }
        partial = inWord ? current.ToString() : "";
        return words;
    }

    private static int LastUnquoted(string text, char what)
    {
        var last = -1;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
            }
            else if (c is '\'' or '"') quote = c;
            else if (c == what) last = i;
        }
        return last;
    }

    /// <summary>
    /// <c>virt __complete LINE [CURRENT]</c>: candidates for bash, one per line, cut to the part bash
    /// replaces (bash splits words at <c>:</c> and <c>=</c> too); <c>virt __complete-domains</c>: every domain name.
    /// </summary>
    public static async Task<int> RunHiddenAsync(CommandContext ctx, IReadOnlyList<string> rest, CancellationToken ct)
    {
        if (rest[0] == "__complete-domains")
        {
            var completer = new Completer(ctx, forBash: true);
            foreach (var name in completer.DomainNames(DomainCompletion.All).Order(StringComparer.Ordinal)) ctx.Print(name + "\n");
            await ctx.Out.FlushAsync(ct).ConfigureAwait(false);
            return 0;
        }
        if (rest[0] != "__complete" || rest.Count < 2) return 1;

        var line = rest[1];
        var bashWord = rest.Count > 2 ? rest[2] : null;
        // Drop the program name, then the global options (their -c decides the connection).
        var words = Split(line, out var partial);
        if (words.Count > 0) words.RemoveAt(0);
        var i = 0;
        while (i < words.Count && words[i].StartsWith('-') && words[i] != "--")
        {
            if (GlobalOptionsWithValue.Contains(words[i]) && !words[i].Contains('=')) i++;
            i++;
        }
        IEnumerable<string> candidates;
        GlobalOptions globals;
        try
        {
            globals = GlobalOptions.Parse(words.Take(Math.Min(i, words.Count)).ToList());
        }
        catch (CommandSyntaxException)
        {
            globals = GlobalOptions.Parse([]);
        }
        await using var session = new CommandContext(ctx.Out, TextWriter.Null, globals, ctx.Environment, TerminalInfo.None)
        {
            Catalog = ctx.Catalog,
        };
        if (i > words.Count || (i == words.Count && words.Count > 0 && GlobalOptionsWithValue.Contains(words[^1])))
        {
            candidates = []; // a global option's value (a URI, a file): bash completes files itself
        }
        else if (i == words.Count && partial.StartsWith('-'))
        {
            candidates = Filter(GlobalOptionNames, partial);
        }
        else
        {
            var commandLine = string.Join(' ', words.Skip(i).Select(Quote)) + (words.Count > i ? " " : "") + partial;
            candidates = new Completer(session, forBash: true).Complete(commandLine).Candidates;
        }
        foreach (var candidate in candidates)
        {
            var shown = bashWord is not null && bashWord.Length < partial.Length && partial.EndsWith(bashWord, StringComparison.Ordinal)
                ? candidate[(partial.Length - bashWord.Length)..]
                : candidate;
            ctx.Print(shown + "\n");
        }
        await ctx.Out.FlushAsync(ct).ConfigureAwait(false);
        return 0;
    }

    private static string Quote(string word) =>
        word.Length > 0 && !word.Any(c => c is ' ' or '\t' or ';' or '\'' or '"' or '\\' or '#') ? word : "'" + word + "'";

    /// <summary>The script <c>virt completion bash</c> prints.</summary>
    public const string BashScript = """
        # bash completion for virt: commands, options, domain names.
        # Load it now:         source <(virt completion bash)
        # Or for every shell:  virt completion bash > /etc/bash_completion.d/virt
        _virt_complete()
        {
            local line="${COMP_LINE:0:COMP_POINT}"
            local cur="${COMP_WORDS[COMP_CWORD]}"
            # bash also splits words at ':' and '='; a separator on its own is not part of the word.
            [[ "$cur" == [:=] ]] && cur=""
            local IFS=$'\n'
            COMPREPLY=($("${COMP_WORDS[0]}" __complete "$line" "$cur" 2>/dev/null))
        }
        complete -o default -F _virt_complete virt
        """;
}
