namespace Virt.Cli.Shell;

/// <summary>
/// virsh's interactive mode with our name: the banner, a prompt that shows whether the connection is
/// read-only (<c>virt # </c> / <c>virt &gt; </c>), one command line per input line, history, and a
/// command that fails never ends the shell. On a terminal lines come from the line editor; otherwise
/// they are read plainly and echoed after the prompt, as readline does for virsh.
/// </summary>
public sealed class InteractiveShell(CommandContext ctx, CommandRunner runner, ShellIo io)
{
    public const string Banner =
        "Welcome to virt, the virtualization interactive terminal.\n\n" +
        "Type:  'help' for help with commands\n" +
        "       'quit' to quit\n\n";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        ctx.Interactive = true;
        // As virsh: a URI named with -c must connect before the shell starts.
        if (ctx.ConnectName is not null && !await ctx.ReconnectAsync(null, ctx.ReadOnly, ct).ConfigureAwait(false))
            return 1;

        var history = new History(History.DefaultPath(ctx.Environment));
        history.Load();
        ctx.History = history;
        ctx.PrintExtra(Banner);

        while (!ctx.QuitRequested && !ct.IsCancellationRequested)
        {
            var prompt = ctx.ReadOnly ? "virt > " : "virt # ";
            await ctx.Out.FlushAsync(ct).ConfigureAwait(false);
            var line = io.LineReader is { } reader
                ? await reader(ctx, prompt, ct).ConfigureAwait(false)
                : await ReadPlainAsync(prompt, ct).ConfigureAwait(false);
            if (line is null) break;
            if (line.Length == 0) continue;
            history.Add(line);
            await RunLineAsync(line, ct).ConfigureAwait(false);
        }

        // virsh ends the session with a line break, after quit as at end of input.
        ctx.Print("\n");
        await ctx.Out.FlushAsync(ct).ConfigureAwait(false);
        return 0;
    }

    private async Task RunLineAsync(string line, CancellationToken ct)
    {
        IReadOnlyList<ParsedCommand> commands;
        try
        {
            commands = VirshSyntax.Parse(ctx.Catalog, CommandLineTokenizer.FromString(line), l => ctx.Debug(1, l));
        }
        catch (CommandSyntaxException ex)
        {
            foreach (var message in ex.Message.Split('\n')) ctx.PrintError(message);
            return;
        }
        await runner.RunAllAsync(commands, ct).ConfigureAwait(false);
    }

    /// <summary>Input that is not a terminal: the prompt, then the line read, echoed as readline echoes it.</summary>
    private async Task<string?> ReadPlainAsync(string prompt, CancellationToken ct)
    {
        ctx.Print(prompt);
        await ctx.Out.FlushAsync(ct).ConfigureAwait(false);
        var line = await io.Stdin.ReadLineAsync(ct).ConfigureAwait(false);
        if (line is not null) ctx.Print(line + "\n");
        return line;
    }
}
