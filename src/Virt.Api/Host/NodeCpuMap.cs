namespace Virt.Api.Host;

/// <summary><c>virNodeGetCPUMap</c>: how many CPUs the host has and which are online.</summary>
public sealed record NodeCpuMap(int Cpus, IReadOnlyList<bool> Online)
{
    public int OnlineCount => Online.Count(o => o);
}
