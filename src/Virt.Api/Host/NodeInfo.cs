namespace Virt.Api.Host;

/// <summary><c>virNodeInfo</c>: memory in KiB.</summary>
public sealed record NodeInfo(string Model, ulong MemoryKiB, uint Cpus, uint Mhz, uint Nodes, uint Sockets,
    uint Cores, uint Threads);
