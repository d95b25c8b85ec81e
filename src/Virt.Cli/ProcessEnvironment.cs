namespace Virt.Cli;

/// <summary>What the CLI reads from its process: environment variables, the home directory, whether it runs as root.</summary>
public sealed record ProcessEnvironment(Func<string, string?> GetVariable, string HomeDirectory, bool IsRoot)
{
    public static ProcessEnvironment Current { get; } = new(
        Environment.GetEnvironmentVariable,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Environment.IsPrivilegedProcess);
}
