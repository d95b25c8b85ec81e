using System.CommandLine;

namespace Virt.Cli.Shell;

/// <summary>virsh's option types (<c>VSH_OT_*</c>): how an option is written, parsed and shown in help.</summary>
public enum VirshOptionKind
{
    /// <summary>A flag: <c>--reason</c>.</summary>
    Bool,

    /// <summary>A named value, <c>--mode acpi</c>; may also be given in order when <see cref="VirshOption.Positional"/>.</summary>
    String,

    /// <summary>A named number, parsed by the command with virsh's range checks.</summary>
    Int,

    /// <summary>A required value normally given in order: <c>domstate test</c> or <c>--domain test</c>.</summary>
    Data,

    /// <summary>All remaining words (<c>echo a b c</c>).</summary>
    Argv,
}

/// <summary>One option of a command in virsh's terms, bound to the System.CommandLine symbol that carries its value.</summary>
public sealed record VirshOption(string Name, VirshOptionKind Kind, string Help, Symbol Symbol, bool Positional, bool Required)
{
    /// <summary>True for options that take a value.</summary>
    public bool TakesValue => Kind != VirshOptionKind.Bool;

    /// <summary>The spelling System.CommandLine parses: the option's own name, or the argument's.</summary>
    public string SymbolName => Symbol.Name;
}

/// <summary>virsh's help groups, in virsh's order; the keyword is what <c>help KEYWORD</c> takes.</summary>
public sealed record VirshGroup(string Name, string Keyword)
{
    public static readonly VirshGroup Domain = new("Domain Management", "domain");
    public static readonly VirshGroup Monitor = new("Domain Monitoring", "monitor");
    public static readonly VirshGroup Events = new("Domain Events", "events");
    public static readonly VirshGroup Host = new("Host and Hypervisor", "host");
    public static readonly VirshGroup Virsh = new("Virsh itself", "virsh");

    /// <summary>Commands virsh does not have (shell completion); listed last, in our own group.</summary>
    public static readonly VirshGroup Virt = new("Virt extras", "virt");

    public static IReadOnlyList<VirshGroup> All { get; } = [Domain, Monitor, Events, Host, Virsh, Virt];
}

/// <summary>
/// A virsh command declared with System.CommandLine: the <see cref="Command"/> carries the action and
/// the symbols its action reads; this adds what virsh needs besides — the help group and long
/// description, the options in virsh's order with their virsh types, and whether the command needs
/// a connection. Options are declared through the factory methods so both views stay in step.
/// </summary>
public sealed class VirshCommand(string name, string help, VirshGroup group, string description = "")
    : Command(name, help)
{
    private readonly List<VirshOption> _options = [];

    public VirshGroup Group { get; } = group;

    /// <summary>virsh's "desc": the DESCRIPTION paragraph of <c>help CMD</c> (left out when empty).</summary>
    public string LongDescription { get; } = description;

    /// <summary>virsh's <c>VSH_CMD_FLAG_NOCONNECT</c>: runs without opening a connection.</summary>
    public bool NoConnect { get; init; }

    /// <summary>Parsing ignores unknown options and extra words (virsh's <c>help</c>).</summary>
    public bool Lenient { get; init; }

    /// <summary>What the domain argument's completion offers (running domains for <c>destroy</c>, …).</summary>
    public DomainCompletion DomainCompletion { get; init; } = DomainCompletion.All;

    public IReadOnlyList<VirshOption> VirshOptions => _options;

    /// <summary>A required value given in order or as <c>--name value</c> (<c>VSH_OT_DATA</c> with <c>VSH_OFLAG_REQ</c>).</summary>
    public Argument<string> Data(string optionName, string optionHelp)
    {
        var argument = new Argument<string>(optionName) { Description = optionHelp };
        Arguments.Add(argument);
        _options.Add(new VirshOption(optionName, VirshOptionKind.Data, optionHelp, argument, Positional: true, Required: true));
        return argument;
    }

    /// <summary>A flag (<c>VSH_OT_BOOL</c>).</summary>
    public Option<bool> Flag(string optionName, string optionHelp)
    {
        var option = new Option<bool>("--" + optionName) { Description = optionHelp };
        Options.Add(option);
        _options.Add(new VirshOption(optionName, VirshOptionKind.Bool, optionHelp, option, Positional: false, Required: false));
        return option;
    }

    /// <summary>
    /// A string value (<c>VSH_OT_STRING</c>). virsh 9.0 also fills such options from words given in
    /// order, unless the option is marked <c>VSH_OFLAG_REQ_OPT</c> (<paramref name="positional"/> false).
    /// </summary>
    public Option<string> Text(string optionName, string optionHelp, bool positional = true)
    {
        var option = new Option<string>("--" + optionName) { Description = optionHelp, HelpName = "string" };
        Options.Add(option);
        _options.Add(new VirshOption(optionName, VirshOptionKind.String, optionHelp, option, positional, Required: false));
        return option;
    }

    /// <summary>A number (<c>VSH_OT_INT</c>), kept as text so the command reports virsh's own parse errors.</summary>
    public Option<string> Number(string optionName, string optionHelp, bool positional = true)
    {
        var option = new Option<string>("--" + optionName) { Description = optionHelp, HelpName = "number" };
        Options.Add(option);
        _options.Add(new VirshOption(optionName, VirshOptionKind.Int, optionHelp, option, positional, Required: false));
        return option;
    }

    /// <summary>Every remaining word (<c>VSH_OT_ARGV</c>).</summary>
    public Argument<string[]> Argv(string optionName, string optionHelp)
    {
        var argument = new Argument<string[]>(optionName) { Description = optionHelp, Arity = ArgumentArity.ZeroOrMore };
        Arguments.Add(argument);
        _options.Add(new VirshOption(optionName, VirshOptionKind.Argv, optionHelp, argument, Positional: true, Required: false));
        return argument;
    }
}

/// <summary>Which domains Tab offers for a command's domain argument.</summary>
public enum DomainCompletion { All, Active, Inactive, Paused, Persistent }
