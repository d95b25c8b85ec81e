namespace Virt.Api.Domains;

/// <summary>
/// libvirt's <c>virDomainModificationImpact</c> plus the vCPU bits that share its flag word
/// (<c>virDomainVcpuFlags</c>): which definition a call reads or changes, and what it counts.
/// </summary>
[Flags]
public enum DomainVcpuFlags : uint
{
    Current = 0, Live = 1, Config = 2, Maximum = 4, Guest = 8, Hotpluggable = 16,
}

/// <summary><c>virVcpuState</c>.</summary>
public enum VcpuState { Offline = 0, Running = 1, Blocked = 2 }

/// <summary>
/// One entry of <c>virDomainGetVcpus</c>: the vCPU, its state, CPU time in nanoseconds, the host
/// CPU it last ran on and its affinity (one flag per host CPU).
/// </summary>
public sealed record VcpuInfo(int Number, VcpuState State, ulong CpuTimeNs, int Cpu, IReadOnlyList<bool> Affinity);

/// <summary>libvirt's <c>virDomainMemoryStatTags</c>, same numbers.</summary>
public enum MemoryStatTag
{
    SwapIn = 0, SwapOut = 1, MajorFault = 2, MinorFault = 3, Unused = 4, Available = 5, ActualBalloon = 6,
    Rss = 7, Usable = 8, LastUpdate = 9, DiskCaches = 10, HugetlbPgalloc = 11, HugetlbPgfail = 12,
}

/// <summary>One <c>virDomainMemoryStatStruct</c>: memory figures in KiB, faults as counts, the update time in seconds.</summary>
public readonly record struct MemoryStat(MemoryStatTag Tag, ulong Value);

/// <summary><c>virDomainBlockInfo</c>, in bytes.</summary>
public sealed record BlockInfo(ulong Capacity, ulong Allocation, ulong Physical);

/// <summary>libvirt's <c>virDomainMetadataType</c>.</summary>
public enum DomainMetadataType { Description = 0, Title = 1, Element = 2 }

/// <summary>The arguments of <c>virConnectGetDomainCapabilities</c>; null leaves the choice to the driver.</summary>
public sealed record DomainCapabilitiesQuery(string? Emulator, string? Arch, string? Machine, string? VirtType);
