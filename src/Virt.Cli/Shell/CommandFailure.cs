using Virt.Api.Errors;

namespace Virt.Cli.Shell;

/// <summary>
/// A command that failed: virsh's own context line (<c>Failed to start domain 'x'</c>), then the
/// library's message when there is one. Each becomes an <c>error: …</c> line on stderr.
/// </summary>
public sealed class CommandFailure(string? context, VirtException? cause = null)
    : Exception(context ?? cause?.Message, cause)
{
    public string? Context { get; } = context;
    public VirtException? Cause { get; } = cause;

    public IEnumerable<string> Lines()
    {
        if (Context is not null) yield return Context;
        if (Cause is not null) yield return Cause.Message;
    }

    /// <summary>Runs a library call, turning its error into this command's failure with a context line.</summary>
    public static async Task<T> Wrap<T>(Func<Task<T>> call, string context)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (VirtException ex)
        {
            throw new CommandFailure(context, ex);
        }
    }

    public static Task Wrap(Func<Task> call, string context) => Wrap(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    }, context);
}
