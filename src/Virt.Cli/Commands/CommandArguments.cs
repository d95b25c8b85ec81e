using System.CommandLine;
using Virt.Api;
using Virt.Cli.Shell;

namespace Virt.Cli.Commands;

/// <summary>The arguments many commands share, and reading them with virsh's checks.</summary>
internal static class CommandArguments
{
    public static Argument<string> Domain(string description = "domain name, id or uuid") =>
        new("domain") { Description = description };

    public static Argument<string> File() =>
        new("file") { Description = "file containing an XML domain description" };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

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

    public static Task<Domain> DomainAsync(this CommandContext ctx, ParseResult parse, Argument<string> argument,
        CancellationToken ct, LookupBy by = LookupBy.Any) =>
        DomainLookup.FindAsync(ctx.Connection, parse.RequiredText(argument), by, ct);
}
