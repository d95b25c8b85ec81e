namespace Virt.Bench.Micro;

/// <summary>Finds the repository (the folder holding Virt.sln) and the inputs the benchmarks read.</summary>
internal static class Repo
{
    public static string Root { get; } = Locate();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>libvirtd's captured messages (SPEC §h): VIRT_CAPTURES, else &lt;repo&gt;/../shared/libvirt-protocol/captures.</summary>
    public static string Captures =>
        Environment.GetEnvironmentVariable("VIRT_CAPTURES") is { Length: > 0 } dir
            ? dir
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared", "libvirt-protocol", "captures"));

    private static string Locate()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Virt.sln"))) return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("No folder holding Virt.sln above the benchmark binaries or the current folder.");
    }
}
