using Virt.Cli.Tests.Differential;
using System.Diagnostics;

namespace Virt.Cli.Tests.Qemu;

/// <summary>Runs the built <c>virt</c> executable as a separate process, as a user's script would.</summary>
public static class VirtBinary
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "virt");

    public static async Task<CliResult> RunAsync(string uri, params string[] args)
    {
        var psi = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(uri);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("LIBVIRT_DEFAULT_URI");
        psi.Environment.Remove("VIRSH_DEFAULT_CONNECT_URI");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(cts.Token);
        return new CliResult(await stdout, await stderr, p.ExitCode);
    }
}
