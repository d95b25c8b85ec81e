using Virt.Cli.Commands;

namespace Virt.Cli.Shell;

/// <summary>Where a run reads from and writes to, and what the terminal is.</summary>
public sealed record ShellIo(TextReader Stdin, TextWriter Stdout, TextWriter Stderr, TerminalInfo Terminal)
{
    /// <summary>Reads one line of the interactive shell; null at end of input. Set for a terminal (the line editor).</summary>
    public Func<CommandContext, string, CancellationToken, Task<string?>>? LineReader { get; init; }
}

/// <summary>
/// virsh's <c>main</c>: the global options, then either the command given on the command line —
/// parsed whole before anything runs, each command followed by an empty line, the exit code the last
/// command's — or, with no command, the interactive shell.
/// </summary>
public static class VirshShell
{
    /// <summary>The running command's runner, for Ctrl+C.</summary>
    private static volatile CommandRunner? _active;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, ShellIo io, ProcessEnvironment environment,
        CancellationToken ct = default)
    {
        GlobalOptions options;
        try
        {
            options = GlobalOptions.Parse(args);
        }
        catch (CommandSyntaxException ex)
        {
            await WriteErrorsAsync(io.Stderr, ex).ConfigureAwait(false);
            return 1;
        }

        await using var ctx = new CommandContext(io.Stdout, io.Stderr, options, environment, io.Terminal, io.Stdin);
        foreach (var warning in options.Warnings) ctx.PrintError(warning);
        if (!ctx.OpenLog()) return 1;
        var catalog = CommandCatalog.Build(ctx);
        ctx.Catalog = catalog;

        switch (options.Action)
        {
            case GlobalAction.Help:
                ctx.Print(HelpPrinter.Usage(catalog.All));
                await ctx.Out.FlushAsync(ct).ConfigureAwait(false);
                return 0;
            case GlobalAction.ShortVersion:
                ctx.Print(VirtInfo.Version + "\n");
                await ctx.Out.FlushAsync(ct).ConfigureAwait(false);
                return 0;
            case GlobalAction.LongVersion:
                ctx.Print(VirtInfo.LongVersion());
                await ctx.Out.FlushAsync(ct).ConfigureAwait(false);
                return 0;
        }

        if (options.Rest.Count > 0 && options.Rest[0].StartsWith("__complete", StringComparison.Ordinal))
            return await Completer.RunHiddenAsync(ctx, options.Rest, ct).ConfigureAwait(false);

        var runner = new CommandRunner(ctx);
        _active = runner;
        try
        {
            return options.Rest.Count == 0
                ? await new InteractiveShell(ctx, runner, io).RunAsync(ct).ConfigureAwait(false)
                : await RunCommandLineAsync(ctx, runner, options, ct).ConfigureAwait(false);
        }
        finally
        {
            _active = null;
            await ctx.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Ctrl+C: interrupts a running command (an <c>event</c> loop, a console); false when nothing ran.</summary>
    public static bool Interrupt() => _active?.Interrupt() ?? false;

    private static async Task<int> RunCommandLineAsync(CommandContext ctx, CommandRunner runner, GlobalOptions options,
        CancellationToken ct)
    {
        IReadOnlyList<ParsedCommand> commands;
        try
        {
            if (options.Rest is [""]) return 1; // virsh refuses an empty command string without a message
            IReadOnlyList<CommandToken> tokens;
            if (options.Rest.Count == 1)
            {
                ctx.Debug(1, $"commands: \"{options.Rest[0]}\"");
                tokens = CommandLineTokenizer.FromString(options.Rest[0]);
            }
            else
            {
                tokens = CommandLineTokenizer.FromArguments(options.Rest);
            }
            commands = VirshSyntax.Parse(ctx.Catalog, tokens, line => ctx.Debug(1, line));
        }
        catch (CommandSyntaxException ex)
        {
            await ctx.Out.FlushAsync(ct).ConfigureAwait(false);
            foreach (var line in ex.Message.Split('\n')) ctx.PrintError(line);
            return 1;
        }

        if (commands.Count == 0) return 0;

        // As virsh: a URI named with -c is connected before the first command; otherwise on demand.
        if (ctx.ConnectName is not null && !await ctx.ReconnectAsync(null, ctx.ReadOnly, ct).ConfigureAwait(false))
            return 1;

        return await runner.RunAllAsync(commands, ct).ConfigureAwait(false) ? 0 : 1;
    }

    private static async Task WriteErrorsAsync(TextWriter stderr, CommandSyntaxException ex)
    {
        foreach (var line in ex.Message.Split('\n'))
            await stderr.WriteAsync("error: " + line + "\n").ConfigureAwait(false);
        await stderr.FlushAsync().ConfigureAwait(false);
    }
}
