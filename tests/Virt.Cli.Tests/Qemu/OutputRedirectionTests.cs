using System.Diagnostics;

namespace Virt.Cli.Tests.Qemu;

/// <summary>
/// Scripts run several virt commands into one file (`{ virt a; virt b; } > log`, `>> log`): each run
/// must continue where the previous one stopped, as virsh's stdio does, never write over it.
/// </summary>
public sealed class OutputRedirectionTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "virt-out-" + Guid.NewGuid().ToString("N") + ".txt");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task Consecutive_runs_sharing_a_redirected_stdout_append()
    {
        var virt = VirtBinary.Path;
        var script = $"{{ '{virt}' -c test:///default list; '{virt}' -c test:///default domstate test; }} > '{_file}'; " +
                     $"'{virt}' -c test:///default domid test >> '{_file}'";
        using var sh = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { UseShellExecute = false })!;
        await sh.WaitForExitAsync();
        Assert.Equal(0, sh.ExitCode);
        Assert.Equal(" Id   Name   State\n----------------------\n 1    test   running\n\nrunning\n\n1\n\n", await File.ReadAllTextAsync(_file));
    }
}
