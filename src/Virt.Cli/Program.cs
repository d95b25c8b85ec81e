using System.Runtime.InteropServices;
using System.Text;
using Virt.Cli.Shell;

namespace Virt.Cli;

/// <summary>The <c>virt</c> command: a virsh work-alike on top of Virt.Api.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var terminal = Terminal.Detect();
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        // The standard descriptors as plain files: System.Console's terminal support would write terminfo's
        // keypad sequence into our output and change how the terminal sends keys.
        await using var stdout = new StreamWriter(Descriptor(Terminal.StdoutFd, FileAccess.Write), utf8, 65536) { NewLine = "\n" };
        await using var stderr = new StreamWriter(Descriptor(Terminal.StderrFd, FileAccess.Write), utf8) { NewLine = "\n", AutoFlush = true };
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => signal.Cancel = VirshShell.Interrupt());
        DriverSetup.RegisterAll();
        var io = new ShellIo(new StreamReader(Descriptor(Terminal.StdinFd, FileAccess.Read), utf8), stdout, stderr, terminal)
        {
            LineReader = terminal.StdinIsTty && terminal.StdoutIsTty ? TtyLineReader.ReadAsync : null,
        };
        return await VirshShell.RunAsync(args, io, ProcessEnvironment.Current);
    }

    private static Stream Descriptor(int fd, FileAccess access) => new DescriptorStream(fd, access == FileAccess.Read);

    /// <summary>Runs one command line as virsh would, writing to the given streams; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, stdout, stderr, ProcessEnvironment.Current);

    /// <summary>As <see cref="RunAsync(string[], TextWriter, TextWriter)"/>, with the environment given explicitly.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, ProcessEnvironment environment) =>
        RunAsync(args, TextReader.Null, stdout, stderr, environment);

    /// <summary>As above, with input (what the interactive shell reads when no command is given).</summary>
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr,
        ProcessEnvironment environment)
    {
        DriverSetup.RegisterAll();
        return VirshShell.RunAsync(args, new ShellIo(stdin, stdout, stderr, TerminalInfo.None), environment);
    }
}
