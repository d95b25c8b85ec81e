namespace Virt.Cli.Shell;

/// <summary>The interactive shell's line reader on a terminal: the terminal in raw mode for one line, the line editor on top.</summary>
public static class TtyLineReader
{
    public static Task<string?> ReadAsync(CommandContext ctx, string prompt, CancellationToken ct)
    {
        ctx.Out.Flush();
        var completer = new Completer(ctx);
        var one = new byte[1];
        using (Terminal.MakeRaw(Terminal.StdinFd))
        {
            var editor = new LineEditor(
                () => Terminal.Read(Terminal.StdinFd, one) == 1 ? one[0] : -1,
                text =>
                {
                    ctx.Out.Write(text);
                    ctx.Out.Flush();
                },
                () => Terminal.Columns(Terminal.StdoutFd),
                completer.Complete);
            return Task.FromResult(editor.ReadLine(prompt, ctx.History?.Entries ?? []));
        }
    }
}
