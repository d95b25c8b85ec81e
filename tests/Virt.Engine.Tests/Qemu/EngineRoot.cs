using Virt.Api;
using Virt.Api.Domains;
using Virt.Api.Drivers;
using Virt.Engine.Qemu;

namespace Virt.Engine.Tests.Qemu;

/// <summary>A throw-away driver root under /tmp (short, because unix socket paths are limited) that kills leftovers.</summary>
public sealed class EngineRoot : IAsyncDisposable
{
    static EngineRoot() => DriverRegistry.Register(new QemuDriverFactory());

    public EngineRoot()
    {
        Dir = Path.Combine("/tmp", "vt-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }
    public string Uri => $"qemu:///embed?root={Dir}";
    public string ConsoleLog(string name) => Path.Combine(Dir, name + ".console.log");

    public Task<Connect> OpenAsync() => Connect.OpenAsync(Uri);

    public async Task<string> WaitForConsoleAsync(string name, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var path = ConsoleLog(name);
            if (File.Exists(path))
            {
                var content = await File.ReadAllTextAsync(path);
                if (content.Contains(text, StringComparison.Ordinal)) return content;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"'{text}' did not appear on {name}'s console within {timeout}");
    }

    public static async Task<DomainStateInfo> WaitForStateAsync(Domain dom, DomainState state, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var s = await dom.GetStateAsync();
            if (s.State == state || DateTime.UtcNow > deadline) return s;
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Kill any QEMU a failed test left behind, then remove the root.
        var run = Path.Combine(Dir, "run", "qemu");
        if (Directory.Exists(run))
        {
            foreach (var status in Directory.EnumerateFiles(run, "*.xml"))
            {
                var text = await File.ReadAllTextAsync(status);
                var m = System.Text.RegularExpressions.Regex.Match(text, "pid='(\\d+)'");
                if (m.Success) try { System.Diagnostics.Process.GetProcessById(int.Parse(m.Groups[1].Value)).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
            }
        }
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
