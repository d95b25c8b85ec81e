using System.Diagnostics;

namespace Virt.Conformance.Backends;

/// <summary>
/// One virtd (src/Virt.Daemon, built with this project) for the virtd backends: foreground, its
/// sockets and qemu state in a throw-away folder, killed (by its process id) when the collection ends.
/// </summary>
public sealed class VirtdFixture : IAsyncLifetime
{
    private Process? _process;

    public string Dir { get; } = Path.Combine("/tmp", "vcd-" + Guid.NewGuid().ToString("N")[..10]);
    public string Socket => Path.Combine(Dir, "s", "virtd-sock");
    public string LogDir => Path.Combine(Dir, "logs");
    public string QemuUri => $"qemu+unix:///system?socket={Socket}";
    public string TestUri => $"test+unix:///default?socket={Socket}";

    public static string DaemonPath()
    {
        var baseDir = AppContext.BaseDirectory; // …/tests/Virt.Conformance/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(baseDir.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var repo = new DirectoryInfo(baseDir);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Virt.sln"))) repo = repo.Parent;
        if (repo is null) throw new InvalidOperationException($"Virt.sln not found above {baseDir}");
        return Path.Combine(repo.FullName, "src", "Virt.Daemon", "bin", configuration, "net10.0", "virtd.dll");
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(LogDir);
        var dll = DaemonPath();
        if (!File.Exists(dll)) throw new InvalidOperationException($"virtd not built: {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--foreground", "--socket-dir", Path.Combine(Dir, "s"), "--root", Path.Combine(Dir, "r") })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("virtd did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(Socket))
        {
            if (_process.HasExited) throw new InvalidOperationException($"virtd exited with {_process.ExitCode}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("virtd did not create its socket within 30 s");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The virtd backends share one daemon and run one at a time (its test:/// state is per process).</summary>
[CollectionDefinition(Name)]
public sealed class VirtdCollection : ICollectionFixture<VirtdFixture>
{
    public const string Name = "virtd";
}
