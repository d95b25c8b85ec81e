namespace Virt.Api.Domains;

/// <summary>
/// What identifies a domain across calls, like libvirt's <c>remote_nonnull_domain</c>:
/// name, UUID and id (−1 when the domain is not running).
/// </summary>
public sealed record DomainRef(string Name, Guid Uuid, int Id)
{
    public const int InactiveId = -1;
    public bool IsActive => Id != InactiveId;
}

/// <summary><c>virDomainInfo</c>: memory in KiB, CPU time in nanoseconds.</summary>
public sealed record DomainInfo(DomainState State, ulong MaxMemoryKiB, ulong MemoryKiB, uint VirtCpus, ulong CpuTimeNs);
