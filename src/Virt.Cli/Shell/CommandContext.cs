using Virt.Api;

namespace Virt.Cli.Shell;

/// <summary>What every command action works with: the output streams, the quiet flag and the connection.</summary>
public sealed class CommandContext(TextWriter stdout, TextWriter stderr, bool quiet)
{
    private Connect? _connection;

    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;
    public bool Quiet { get; } = quiet;

    public Connect Connection
    {
        get => _connection ?? throw new InvalidOperationException("no connection has been opened");
        set => _connection = value;
    }

    /// <summary>virsh's <c>vshPrint</c>: the command's data, always printed.</summary>
    public void Print(string text) => Out.Write(text);

    /// <summary>virsh's <c>vshPrintExtra</c>: messages and decoration that <c>-q</c> silences.</summary>
    public void PrintExtra(string text)
    {
        if (!Quiet) Out.Write(text);
    }

    public void PrintError(string message) => Error.Write("error: " + message + "\n");
}
