namespace Virt.Engine.Qemu.Monitor;

/// <summary>One entry of <c>query-cpus-fast</c>: the vCPU and the host thread that runs it (for pinning).</summary>
public sealed record QmpCpu(int CpuIndex, long ThreadId);
