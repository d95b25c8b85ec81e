using Virt.Api;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Cli.Shell;

namespace Virt.Cli.Commands;

/// <summary>
/// <c>console</c> (virsh-console.c): the guest's serial console on this terminal in raw mode until
/// the escape character (<c>^]</c>, or <c>-e</c>) is typed or the guest's side closes.
/// </summary>
public static partial class DomainCommands
{
    private static VirshCommand Console(CommandContext ctx)
    {
        var cmd = new VirshCommand("console", "connect to the guest console", VirshGroup.Domain,
            "Connect the virtual serial console for the guest") { DomainCompletion = DomainCompletion.Active };
        var domain = cmd.Domain();
        var devname = cmd.Text("devname", "character device name");
        var force = cmd.Flag("force", "force console connection (disconnect already connected sessions)");
        var safe = cmd.Flag("safe", "only connect if safe console handling is supported");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var name = parse.OptionalText(devname);
            var flags = DomainConsoleFlags.None;
            if (parse.GetValue(force)) flags |= DomainConsoleFlags.Force;
            if (parse.GetValue(safe)) flags |= DomainConsoleFlags.Safe;
            return await RunConsoleAsync(ctx, dom, name, flags, ct) ? 0 : 1;
        });
        return cmd;
    }

    /// <summary>virsh's <c>cmdRunConsole</c>: checks, the two banner lines, then the session.</summary>
    internal static async Task<bool> RunConsoleAsync(CommandContext ctx, Domain dom, string? devname, DomainConsoleFlags flags,
        CancellationToken ct)
    {
        DomainState state;
        try
        {
            state = (await dom.GetStateAsync(ct)).State;
        }
        catch (VirtException)
        {
            try
            {
                state = (await dom.GetInfoAsync(ct)).State;
            }
            catch (VirtException)
            {
                ctx.PrintError("Unable to get domain status");
                return false;
            }
        }
        if (state == DomainState.Shutoff)
        {
            ctx.PrintError("The domain is not running");
            return false;
        }
        if (!ctx.Terminal.StdinIsTty)
        {
            ctx.PrintError("Cannot run interactive console without a controlling TTY");
            return false;
        }

        var escape = ctx.Options.EscapeChar;
        ctx.PrintExtra($"Connected to domain '{dom.Name}'\n");
        ctx.PrintExtra($"Escape character is {escape}");
        if (escape[0] == '^') ctx.PrintExtra($" (Ctrl + {escape[1]})");
        ctx.PrintExtra("\n");
        await ctx.Out.FlushAsync(ct);

        Stream stream;
        try
        {
            stream = await ctx.Connection.Driver.OpenConsoleAsync(dom.Reference, devname, flags, ct);
        }
        catch (VirtException ex)
        {
            ctx.PrintError(ex.Message);
            return false;
        }

        await using (stream)
        {
            using (Terminal.MakeRaw(Terminal.StdinFd))
                await PumpAsync(stream, GlobalOptions.EscapeByte(escape), ct);
        }
        return true;
    }

    /// <summary>Guest output to our terminal and keystrokes to the guest, until the escape byte, the guest's end or Ctrl+C.</summary>
    private static async Task PumpAsync(Stream stream, byte escape, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var fromGuest = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var n = await stream.ReadAsync(buffer, stop.Token);
                    if (n == 0) return;
                    Terminal.Write(Terminal.StdoutFd, buffer.AsSpan(0, n));
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // the guest side closed, or we are leaving
            }
        }, CancellationToken.None);

        var toGuest = Task.Run(async () =>
        {
            var buffer = new byte[1024];
            while (!stop.IsCancellationRequested)
            {
                if (!Terminal.WaitReadable(Terminal.StdinFd, 100)) continue;
                var n = Terminal.Read(Terminal.StdinFd, buffer);
                if (n == 0) return;
                var at = Array.IndexOf(buffer, escape, 0, n);
                var send = at < 0 ? n : at;
                try
                {
                    if (send > 0)
                    {
                        await stream.WriteAsync(buffer.AsMemory(0, send), stop.Token);
                        await stream.FlushAsync(stop.Token);
                    }
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    return;
                }
                if (at >= 0) return;
            }
        }, CancellationToken.None);

        try
        {
            await Task.WhenAny(fromGuest, toGuest, Task.Delay(Timeout.Infinite, ct));
        }
        finally
        {
            await stop.CancelAsync();
            // Both pumps must be finished before the caller prints its closing newline, or guest
            // output still in flight lands after it. A read stuck in a stream that ignores
            // cancellation must not hold the terminal, hence the bound.
            await Task.WhenAny(Task.WhenAll(toGuest, fromGuest), Task.Delay(TimeSpan.FromSeconds(2)));
        }
    }
}
