using System.Globalization;
using Virt.Api.Host;

namespace Virt.Engine.Host;

/// <summary>Facts about this host for <c>nodeinfo</c> and <c>hostname</c>, read from /proc and /sys.</summary>
public static class HostInfo
{
    public static string Hostname() => System.Net.Dns.GetHostName();

    /// <summary>Changes at every boot of the host: what "once per boot" markers compare.</summary>
    public static string BootId() =>
        File.Exists("/proc/sys/kernel/random/boot_id") ? File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim() : "unknown";

    public static NodeInfo ReadNodeInfo()
    {
        var cpus = (uint)Environment.ProcessorCount;
        var memKiB = 0UL;
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
            memKiB = ulong.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            break;
        }
        var mhz = 0u;
        var sockets = new HashSet<string>();
        var coreIds = new HashSet<string>();
        foreach (var line in File.ReadLines("/proc/cpuinfo"))
        {
            var parts = line.Split(':', 2);
            if (parts.Length != 2) continue;
            var key = parts[0].Trim();
            var value = parts[1].Trim();
            if (key == "cpu MHz" && mhz == 0 && double.TryParse(value, CultureInfo.InvariantCulture, out var m)) mhz = (uint)m;
            if (key == "physical id") sockets.Add(value);
            if (key == "core id") coreIds.Add(value);
        }
        var socketCount = (uint)Math.Max(1, sockets.Count);
        var cores = (uint)Math.Max(1, coreIds.Count);
        var threads = Math.Max(1, cpus / (socketCount * cores));
        var model = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "x86_64",
            System.Runtime.InteropServices.Architecture.Arm64 => "aarch64",
            var other => other.ToString().ToLowerInvariant(),
        };
        return new NodeInfo(model, memKiB, cpus, mhz, 1, socketCount, cores, threads);
    }
}
