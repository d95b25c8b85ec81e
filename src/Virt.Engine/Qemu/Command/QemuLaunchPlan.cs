namespace Virt.Engine.Qemu.Command;

/// <summary>Runtime facts the command line needs besides the domain itself.</summary>
public sealed record QemuRuntimePaths(string MonitorSocket);

/// <summary>The command line to run: the emulator and its arguments, argv[0] included.</summary>
public sealed record QemuCommandLine(string Emulator, IReadOnlyList<string> Argv)
{
    /// <summary>A shell-quoted rendering for logs and <c>domxml-to-native</c>; never executed.</summary>
    public string ToDisplayString() => string.Join(' ', Argv.Select(Quote));

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@+%".Contains(c)) ? arg : "'" + arg.Replace("'", "'\\''") + "'";
}
