using Virt.Api.Drivers;
using Virt.Api.Errors;

namespace Virt.Engine.Qemu;

/// <summary>
/// Opens the in-process QEMU driver for <c>qemu:///embed?root=DIR</c>, libvirt's URI for an
/// embedded driver whose files all live under one root.
/// </summary>
public sealed class QemuDriverFactory : IDriverFactory
{
    public bool Accepts(ConnectUri uri) => uri.Driver == "qemu" && uri.Transport is null && uri.Path == "/embed";

    public Task<IHypervisorDriver> OpenAsync(ConnectUri uri, ConnectFlags flags, CancellationToken ct)
    {
        var root = uri.Get("root");
        if (string.IsNullOrEmpty(root))
            throw VirtErrors.InvalidArg("URI must be qemu:///embed?root=/some/dir", ErrorDomain.Qemu);
        if (!Path.IsPathRooted(root))
            throw VirtErrors.InvalidArg($"root path must be absolute: '{root}'", ErrorDomain.Qemu);
        return Task.FromResult<IHypervisorDriver>(new QemuDriver(root, uri.Original, flags.HasFlag(ConnectFlags.ReadOnly)));
    }
}
