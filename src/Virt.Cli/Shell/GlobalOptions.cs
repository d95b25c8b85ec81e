namespace Virt.Cli.Shell;

/// <summary>What the options before the command ask for besides running commands.</summary>
public enum GlobalAction { Run, Help, ShortVersion, LongVersion }

/// <summary>
/// The options before the command, parsed the way virsh's <c>getopt_long("+:c:d:e:hk:K:l:qrtvV")</c>
/// does: short options may be bundled (<c>-qc URI</c>), long ones abbreviated (<c>--conn</c>),
/// values given as <c>--connect=URI</c>, <c>--connect URI</c>, <c>-cURI</c> or <c>-c URI</c>;
/// parsing stops at the first word that is not an option, or after <c>--</c>. Options take effect
/// in order, so <c>-h</c> answers before a later bad option is seen, as with virsh.
/// </summary>
public sealed record GlobalOptions
{
    public const string DefaultEscape = "^]";
    public const int DefaultKeepaliveInterval = 5;
    public const int DefaultKeepaliveCount = 6;

    /// <summary>virsh's <c>vshErrorLevel</c>: 0 debug … 4 error; messages below the level are not shown.</summary>
    public const int ErrorLevel = 4;

    private static readonly (string Name, char Short, ArgKind Arg)[] LongOptions =
    [
        ("connect", 'c', ArgKind.Required), ("debug", 'd', ArgKind.Required), ("escape", 'e', ArgKind.Required),
        ("help", 'h', ArgKind.None), ("keepalive-interval", 'k', ArgKind.Required),
        ("keepalive-count", 'K', ArgKind.Required), ("log", 'l', ArgKind.Required), ("quiet", 'q', ArgKind.None),
        ("readonly", 'r', ArgKind.None), ("timing", 't', ArgKind.None), ("version", 'v', ArgKind.Optional),
    ];

    private const string ShortWithArgument = "cdekKl";
    private const string ShortFlags = "hqrtvV";

    private enum ArgKind { None, Required, Optional }

    public string? ConnectUri { get; private init; }
    public bool Quiet { get; private init; }
    public bool ReadOnly { get; private init; }
    public bool Timing { get; private init; }
    public int DebugLevel { get; private init; } = ErrorLevel;
    public string EscapeChar { get; private init; } = DefaultEscape;
    public int KeepaliveInterval { get; private init; } = DefaultKeepaliveInterval;
    public int KeepaliveCount { get; private init; } = DefaultKeepaliveCount;

    /// <summary>-k or -K was given: a connection that cannot keep alive is then refused, as virsh does.</summary>
    public bool KeepaliveForced { get; private init; }

    public string? LogFile { get; private init; }
    public GlobalAction Action { get; private init; } = GlobalAction.Run;

    /// <summary>Complaints virsh prints and then carries on (a debug level out of range).</summary>
    public IReadOnlyList<string> Warnings { get; private init; } = [];

    /// <summary>The words after the options: the command, or nothing for the interactive shell.</summary>
    public IReadOnlyList<string> Rest { get; private init; } = [];

    /// <summary>Parses the options; throws <see cref="CommandSyntaxException"/> with virsh's text on a bad one.</summary>
    public static GlobalOptions Parse(IReadOnlyList<string> args)
    {
        var o = new GlobalOptions();
        var warnings = new List<string>();
        var i = 0;
        for (; i < args.Count && o.Action == GlobalAction.Run; i++)
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
                var exact = LongOptions.Where(l => l.Name == name).ToList();
                var matches = exact.Count > 0 ? exact : LongOptions.Where(l => l.Name.StartsWith(name, StringComparison.Ordinal)).ToList();
                if (matches.Count != 1) throw Unsupported($"'{arg}'");
                var (longName, shortName, kind) = matches[0];
                string? value = null;
                switch (kind)
                {
                    case ArgKind.None when eq >= 0:
                        throw Unsupported($"'-{shortName}'");
                    case ArgKind.Required:
                        if (eq >= 0) value = arg[(eq + 1)..];
                        else if (i + 1 < args.Count) value = args[++i];
                        else throw new CommandSyntaxException($"option '-{shortName}'/'--{longName}' requires an argument");
                        break;
                    case ArgKind.Optional:
                        if (eq >= 0) value = arg[(eq + 1)..];
                        break;
                }
                o = o.Apply(shortName, value, "--" + longName, warnings);
                continue;
            }
            if (arg.Length > 1 && arg[0] == '-')
            {
                for (var k = 1; k < arg.Length && o.Action == GlobalAction.Run; k++)
                {
                    var c = arg[k];
                    if (ShortWithArgument.Contains(c))
                    {
                        string value;
                        if (k + 1 < arg.Length) value = arg[(k + 1)..];
                        else if (i + 1 < args.Count) value = args[++i];
                        else
                        {
                            var longName = LongOptions.First(l => l.Short == c).Name;
                            throw new CommandSyntaxException($"option '-{c}'/'--{longName}' requires an argument");
                        }
                        o = o.Apply(c, value, "-" + c, warnings);
                        break;
                    }
                    if (!ShortFlags.Contains(c)) throw Unsupported($"'-{c}'");
                    o = o.Apply(c, null, "-" + c, warnings);
                }
                continue;
            }
            break;
        }
        return o with { Warnings = warnings, Rest = args.Skip(i).ToList() };
    }

    private GlobalOptions Apply(char option, string? value, string spelling, List<string> warnings)
    {
        switch (option)
        {
            case 'c':
                return this with { ConnectUri = value };
            case 'd':
                if (!VirshNumbers.TryParseInt(value!, 10, out var level))
                    throw new CommandSyntaxException($"option {spelling} takes a numeric argument");
                if (level is < 0 or > ErrorLevel)
                {
                    warnings.Add($"ignoring debug level {level} out of range [0-{ErrorLevel}]");
                    return this;
                }
                return this with { DebugLevel = level };
            case 'e':
                var e = value!;
                if ((e.Length == 2 && e[0] == '^' && IsAllowedEscape(e[1])) || (e.Length == 1 && e[0] != '^'))
                    return this with { EscapeChar = e };
                throw new CommandSyntaxException($"Invalid string '{e}' for escape sequence");
            case 'h':
                return this with { Action = GlobalAction.Help };
            case 'k':
                return this with { KeepaliveInterval = Keepalive(value!, spelling), KeepaliveForced = true };
            case 'K':
                return this with { KeepaliveCount = Keepalive(value!, spelling), KeepaliveForced = true };
            case 'l':
                return this with { LogFile = value };
            case 'q':
                return this with { Quiet = true };
            case 'r':
                return this with { ReadOnly = true };
            case 't':
                return this with { Timing = true };
            case 'v':
                return this with { Action = value == "long" ? GlobalAction.LongVersion : GlobalAction.ShortVersion };
            case 'V':
                return this with { Action = GlobalAction.LongVersion };
            default:
                throw Unsupported($"'-{option}'");
        }
    }

    private static int Keepalive(string value, string spelling)
    {
        if (!VirshNumbers.TryParseInt(value, 0, out var n))
            throw new CommandSyntaxException($"Invalid value for option {spelling}");
        if (n < 0) throw new CommandSyntaxException($"option {spelling} requires a positive integer argument");
        return n;
    }

    /// <summary>virsh's <c>vshAllowedEscapeChar</c>: <c>^</c> followed by a letter or one of <c>@[\]^_</c>.</summary>
    private static bool IsAllowedEscape(char c) => c is (>= 'a' and <= 'z') or (>= '@' and <= '_');

    private static CommandSyntaxException Unsupported(string what) => new($"unsupported option {what}. See --help.");

    /// <summary>The byte the escape sequence stands for: <c>^]</c> is 0x1d, a plain character itself.</summary>
    public static byte EscapeByte(string escape) =>
        escape.Length == 2 && escape[0] == '^' ? (byte)(char.ToUpperInvariant(escape[1]) ^ 0x40) : (byte)escape[0];
}
