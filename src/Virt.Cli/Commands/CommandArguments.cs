using System.CommandLine;
using Virt.Api;
using Virt.Cli.Shell;

namespace Virt.Cli.Commands;

/// <summary>Reading options with virsh's checks and texts, and the steps many commands share.</summary>
internal static class CommandArguments
{
    /// <summary>virsh's <c>VSH_MAX_XML_FILE</c>.</summary>
    private const long MaxXmlFileBytes = 10 * 1024 * 1024;

    /// <summary>The domain argument virsh's domain commands share (<c>VIRSH_COMMON_OPT_DOMAIN_FULL</c>).</summary>
    public static Argument<string> Domain(this VirshCommand cmd, string help = "domain name, id or uuid") =>
        cmd.Data("domain", help);

    /// <summary>virsh's <c>vshCommandOptStringReq</c>: a given value must not be empty.</summary>
    public static string RequiredText(this ParseResult parse, Argument<string> argument)
    {
        var value = parse.GetRequiredValue(argument);
        return value.Length > 0 ? value
            : throw new CommandFailure($"Failed to get option '{argument.Name}': Option argument is empty");
    }

    public static string? OptionalText(this ParseResult parse, Option<string> option)
    {
        var value = parse.GetValue(option);
        return value is null || value.Length > 0 ? value
            : throw new CommandFailure($"Failed to get option '{option.Name.TrimStart('-')}': Option argument is empty");
    }

    /// <summary>virsh's <c>vshCommandOptInt</c>: absent → null; malformed → virsh's error.</summary>
    public static int? IntValue(this ParseResult parse, Option<string> option)
    {
        var text = parse.GetValue(option);
        if (text is null) return null;
        return VirshNumbers.TryParseInt(text, 10, out var value) ? value : throw Malformed(text, option);
    }

    /// <summary>virsh's <c>vshCommandOptUInt</c> (no negative numbers).</summary>
    public static uint? UIntValue(this ParseResult parse, Option<string> option)
    {
        var text = parse.GetValue(option);
        if (text is null) return null;
        return VirshNumbers.TryParseUIntStrict(text, out var value) ? value : throw Malformed(text, option);
    }

    public static CommandFailure Malformed(string text, Option option) =>
        new($"Numeric value '{text}' for <{option.Name.TrimStart('-')}> option is malformed or out of range");

    /// <summary>virsh's <c>VSH_EXCLUSIVE_OPTIONS</c>.</summary>
    public static void Exclusive(bool a, bool b, string nameA, string nameB)
    {
        if (a && b) throw new CommandFailure($"Options --{nameA} and --{nameB} are mutually exclusive");
    }

    /// <summary>virsh's <c>virshCommandOptDomainBy</c>: the INFO line, then the lookup with its DEBUG lines.</summary>
    public static Task<Domain> DomainAsync(this CommandContext ctx, ParseResult parse, Argument<string> argument,
        CancellationToken ct, LookupBy by = LookupBy.Any) =>
        ctx.DomainAsync(parse.CommandResult.Command.Name, argument.Name, parse.RequiredText(argument), ct, by);

    public static Task<Domain> DomainAsync(this CommandContext ctx, string command, string option, string text,
        CancellationToken ct, LookupBy by = LookupBy.Any)
    {
        ctx.Debug(1, $"{command}: found option <{option}>: {text}");
        return DomainLookup.FindAsync(ctx.Connection, text, by, ct, ctx.Debug, $"{command}: <{option}>");
    }

    /// <summary>libvirt's <c>virFileReadAll</c> as virsh uses it, with its error texts.</summary>
    public static string ReadFile(string path)
    {
        try
        {
            if (Directory.Exists(path)) throw new CommandFailure($"Failed to read file '{path}': Is a directory");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            if (stream.Length > MaxXmlFileBytes) throw new CommandFailure($"Failed to read file '{path}': Invalid argument");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CommandFailure($"Failed to open file '{path}': No such file or directory");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CommandFailure($"Failed to open file '{path}': Permission denied");
        }
        catch (IOException ex)
        {
            throw new CommandFailure($"Failed to read file '{path}': {ex.Message}");
        }
    }
}
