using System.CommandLine;
using Virt.Api;
using Virt.Api.Drivers;
using Virt.Api.Errors;
using Virt.Cli.Commands;

namespace Virt.Cli.Shell;

/// <summary>
/// Runs a command line the way non-interactive virsh does: global options, then the whole line is
/// parsed (nothing runs if any command is wrong), one connection is opened, each command runs in
/// turn with an empty line after it, and the exit code is the last command's.
/// </summary>
public static class VirshShell
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr,
        ProcessEnvironment environment, CancellationToken ct = default)
    {
        GlobalOptions options;
        IReadOnlyList<ParsedCommand> commands;
        CommandContext ctx;
        RootCommand root;
        try
        {
            options = GlobalOptions.Parse(args);
            ctx = new CommandContext(stdout, stderr, options.Quiet);
            root = CommandCatalog.Build(ctx);
            if (options.Rest.Count == 0)
                throw new CommandSyntaxException("interactive mode is not supported; give a command to run");
            if (options.Rest is [""]) return 1; // virsh refuses an empty command string without a message
            commands = VirshSyntax.Parse(root, Tokenize(options.Rest));
        }
        catch (CommandSyntaxException ex)
        {
            await stderr.WriteAsync("error: " + ex.Message + "\n").ConfigureAwait(false);
            return 1;
        }

        if (commands.Count == 0) return 0;

        var uri = DefaultConnectUri.Resolve(options.ConnectUri, environment);
        Connect connection;
        try
        {
            connection = await Connect.OpenAsync(uri, options.ReadOnly ? ConnectFlags.ReadOnly : ConnectFlags.None, ct)
                .ConfigureAwait(false);
        }
        catch (VirtException ex)
        {
            ctx.PrintError("failed to connect to the hypervisor");
            ctx.PrintError(ex.Message);
            return 1;
        }

        await using (connection.ConfigureAwait(false))
        {
            ctx.Connection = connection;
            var ok = true;
            foreach (var command in commands)
            {
                ok = await RunOneAsync(root, command, ctx, ct).ConfigureAwait(false);
                ctx.PrintExtra("\n");
            }
            await stdout.FlushAsync(ct).ConfigureAwait(false);
            return ok ? 0 : 1;
        }
    }

    private static IReadOnlyList<CommandToken> Tokenize(IReadOnlyList<string> rest) =>
        rest.Count == 1 ? CommandLineTokenizer.FromString(rest[0]) : CommandLineTokenizer.FromArguments(rest);

    private static async Task<bool> RunOneAsync(RootCommand root, ParsedCommand command, CommandContext ctx,
        CancellationToken ct)
    {
        var parse = root.Parse(command.Arguments, ParserSettings);
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
    }

    private static readonly ParserConfiguration ParserSettings = new()
    {
        EnablePosixBundling = false,
        ResponseFileTokenReplacer = null,
    };
}
