namespace Virt.Cli;

/// <summary>
/// Which URI to open when the command line names none: virsh's variables first
/// (<c>VIRSH_DEFAULT_CONNECT_URI</c> wins over <c>LIBVIRT_DEFAULT_URI</c>, as with virsh 9.0),
/// then an embedded QEMU driver rooted in a per-user directory.
/// </summary>
public static class DefaultConnectUri
{
    public const string SystemEmbedRoot = "/var/lib/virt/embed";

    public static string Resolve(string? fromCommandLine, ProcessEnvironment env)
    {
        if (!string.IsNullOrEmpty(fromCommandLine)) return fromCommandLine;
        foreach (var name in new[] { "VIRSH_DEFAULT_CONNECT_URI", "LIBVIRT_DEFAULT_URI" })
        {
            var value = env.GetVariable(name);
            if (!string.IsNullOrEmpty(value)) return value;
        }
        return "qemu:///embed?root=" + EmbedRoot(env);
    }

    /// <summary>root: <c>/var/lib/virt/embed</c>; others: <c>$XDG_DATA_HOME/virt/embed</c> or <c>~/.local/share/virt/embed</c>.</summary>
    public static string EmbedRoot(ProcessEnvironment env)
    {
        if (env.IsRoot) return SystemEmbedRoot;
        var dataHome = env.GetVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome) || !Path.IsPathRooted(dataHome))
            dataHome = Path.Combine(env.HomeDirectory, ".local", "share");
        return Path.Combine(dataHome, "virt", "embed");
    }
}
