namespace Virt.Cli.Shell;

/// <summary>
/// The options before the command, parsed the way virsh's <c>getopt_long("+:c:d:e:hk:K:l:qrtvV")</c>
/// does: short options may be bundled (<c>-qc URI</c>), long ones abbreviated (<c>--conn</c>),
/// values given as <c>--connect=URI</c>, <c>--connect URI</c>, <c>-cURI</c> or <c>-c URI</c>;
/// parsing stops at the first word that is not an option, or after <c>--</c>.
/// We implement -c/--connect, -q/--quiet and -r/--readonly.
/// </summary>
public sealed record GlobalOptions(string? ConnectUri, bool Quiet, bool ReadOnly, IReadOnlyList<string> Rest)
{
    /// <summary>Every long option virsh knows, so abbreviations resolve as they do with virsh.</summary>
    private static readonly string[] VirshLongOptions =
        ["connect", "debug", "escape", "help", "keepalive-interval", "keepalive-count", "log", "quiet", "readonly", "timing", "version"];

    public static GlobalOptions Parse(IReadOnlyList<string> args)
    {
        string? uri = null;
        bool quiet = false, readOnly = false;
        var i = 0;
        for (; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                i++;
                break;
            }
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=');
                var name = eq < 0 ? arg[2..] : arg[2..eq];
                var matches = VirshLongOptions.Where(o => o.StartsWith(name, StringComparison.Ordinal)).ToList();
                var exact = VirshLongOptions.FirstOrDefault(o => o == name);
                var resolved = exact ?? (matches.Count == 1 ? matches[0] : null);
                switch (resolved)
                {
                    case "connect":
                        if (eq >= 0) uri = arg[(eq + 1)..];
                        else if (i + 1 < args.Count) uri = args[++i];
                        else throw new CommandSyntaxException("option '-c'/'--connect' requires an argument");
                        break;
                    case "quiet" when eq < 0:
                        quiet = true;
                        break;
                    case "readonly" when eq < 0:
                        readOnly = true;
                        break;
                    default:
                        throw new CommandSyntaxException($"unsupported option '{arg}'. See --help.");
                }
                continue;
            }
            if (arg.Length > 1 && arg[0] == '-')
            {
                for (var k = 1; k < arg.Length; k++)
                {
                    var c = arg[k];
                    if (c == 'q') quiet = true;
                    else if (c == 'r') readOnly = true;
                    else if (c == 'c')
                    {
                        if (k + 1 < arg.Length) uri = arg[(k + 1)..];
                        else if (i + 1 < args.Count) uri = args[++i];
                        else throw new CommandSyntaxException("option '-c'/'--connect' requires an argument");
                        break;
                    }
                    else throw new CommandSyntaxException($"unsupported option '-{c}'. See --help.");
                }
                continue;
            }
            break;
        }
        return new GlobalOptions(uri, quiet, readOnly, args.Skip(i).ToList());
    }
}
