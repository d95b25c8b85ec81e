using Virt.Engine.Tests.Qemu;

namespace Virt.Daemon.Tests.Infrastructure;

/// <summary>Domain XML files for the daemon's tests: the example guest (booted under TCG) with its console logged under the daemon's folder.</summary>
public static class Guests
{
    public static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(180);

    /// <summary>Writes the example guest's XML as <c>NAME.xml</c> in the daemon's folder and returns the path.</summary>
    public static string WriteXml(DaemonProcess daemon, string name, string? uuid = null)
    {
        GuestImage.EnsurePresent();
        var path = Path.Combine(daemon.Dir, name + ".xml");
        File.WriteAllText(path, GuestImage.DomainXml(name, ConsoleLog(daemon, name), uuid: uuid));
        return path;
    }

    /// <summary>examples/tiny.xml as shipped, with only its console log moved into the daemon's folder.</summary>
    public static string WriteTinyXml(DaemonProcess daemon)
    {
        GuestImage.EnsurePresent();
        var xml = File.ReadAllText(Path.Combine(RepoRoot, "examples", "tiny.xml"))
            .Replace("/var/log/virt/tiny-console.log", ConsoleLog(daemon, "tiny"), StringComparison.Ordinal);
        var path = Path.Combine(daemon.Dir, "tiny.xml");
        File.WriteAllText(path, xml);
        return path;
    }

    public static string ConsoleLog(DaemonProcess daemon, string name) => Path.Combine(daemon.Dir, name + ".console.log");

    public static async Task WaitForConsoleAsync(DaemonProcess daemon, string name, string text)
    {
        var deadline = DateTime.UtcNow + BootTimeout;
        var path = ConsoleLog(daemon, name);
        while (!(File.Exists(path) && (await File.ReadAllTextAsync(path)).Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{text}' did not appear on {name}'s console within {BootTimeout}");
            await Task.Delay(200);
        }
    }

    /// <summary>Polls <c>virsh domstate</c> until it prints <paramref name="state"/>.</summary>
    public static async Task WaitForStateAsync(DaemonProcess daemon, string name, string state, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? BootTimeout);
        while (true)
        {
            var r = await Clients.VirshAsync(daemon.Uri, "domstate", name);
            if (r.ExitCode == 0 && r.Stdout.Trim() == state) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} did not reach '{state}': {r}");
            await Task.Delay(250);
        }
    }

    /// <summary>The repository's top folder (examples/, scripts/), found from the test binaries.</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Virt.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository above " + AppContext.BaseDirectory);
        }
    }
}
