using System.CommandLine;
using System.Diagnostics;
using Virt.Api.Errors;

namespace Virt.Cli.Shell;

/// <summary>
/// Runs parsed commands the way virsh's <c>vshCommandRun</c> does: opens the connection a command
/// needs first, reports a failure as <c>error:</c> lines, then prints the empty line (or the
/// <c>-t</c> timing) that follows every command — except after <c>quit</c>.
/// </summary>
public sealed class CommandRunner(CommandContext ctx)
{
    private static readonly ParserConfiguration ParserSettings = new()
    {
        EnablePosixBundling = false,
        ResponseFileTokenReplacer = null,
    };

    private CancellationTokenSource? _current;

    /// <summary>Interrupts the running command (Ctrl+C); false when none is running.</summary>
    public bool Interrupt()
    {
        var current = _current;
        if (current is null || current.IsCancellationRequested) return false; // a second Ctrl+C ends the process
        try
        {
            current.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        return true;
    }

    public bool IsRunning => _current is not null;

    /// <summary>Runs <paramref name="commands"/> in order until one says quit; true when the last one succeeded.</summary>
    public async Task<bool> RunAllAsync(IReadOnlyList<ParsedCommand> commands, CancellationToken ct)
    {
        var ok = true;
        foreach (var command in commands)
        {
            ok = await RunAsync(command, ct).ConfigureAwait(false);
            if (ctx.QuitRequested) break;
        }
        return ok;
    }

    public async Task<bool> RunAsync(ParsedCommand command, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _current = cts;
        bool ok;
        try
        {
            ok = (command.Command.NoConnect || await ctx.EnsureConnectedAsync(cts.Token).ConfigureAwait(false))
                 && await InvokeAsync(command, cts.Token).ConfigureAwait(false);
        }
        finally
        {
            _current = null;
        }
        if (ctx.QuitRequested) return ok;
        ctx.PrintExtra(ctx.Options.Timing ? $"\n(Time: {CommandContext.Elapsed(start)} ms)\n\n" : "\n");
        await ctx.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return ok;
    }

    private async Task<bool> InvokeAsync(ParsedCommand command, CancellationToken ct)
    {
        // Each command parses as a root of its own: no tree of every command to build first.
        var parse = command.Command.Parse(command.Arguments.Skip(1).ToList(), ParserSettings);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) ctx.PrintError(error.Message);
            return false;
        }
        try
        {
            var invocation = new InvocationConfiguration
            {
                Output = ctx.Out,
                Error = ctx.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(invocation, ct).ConfigureAwait(false) == 0;
        }
        catch (CommandFailure failure)
        {
            foreach (var line in failure.Lines()) ctx.PrintError(line);
            return false;
        }
        catch (VirtException ex)
        {
            ctx.PrintError(ex.Message);
            return false;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            ctx.PrintError("operation interrupted");
            return false;
        }
    }
}
