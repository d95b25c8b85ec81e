using Virt.Cli.Shell;

namespace Virt.Cli;

/// <summary>The <c>virt</c> command: a virsh work-alike on top of Virt.Api.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs one command line as virsh would, writing to the given streams; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, stdout, stderr, ProcessEnvironment.Current);

    /// <summary>As <see cref="RunAsync(string[], TextWriter, TextWriter)"/>, with the environment given explicitly.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, ProcessEnvironment environment)
    {
        DriverSetup.RegisterAll();
        return VirshShell.RunAsync(args, stdout, stderr, environment);
    }
}
