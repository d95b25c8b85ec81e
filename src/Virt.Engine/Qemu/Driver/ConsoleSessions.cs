using System.Collections.Concurrent;
using Virt.Api.Errors;
using Virt.Engine.Host;

namespace Virt.Engine.Qemu;

/// <summary>
/// One console session per domain, as libvirt keeps: two readers of one pty would each get half of
/// the guest's output. A second open fails unless FORCE is given, which ends the first session.
/// </summary>
internal sealed class ConsoleSessions
{
    private readonly ConcurrentDictionary<Guid, PtyStream> _open = new();

    public Stream Open(Guid domain, string pty, bool force)
    {
        if (_open.TryGetValue(domain, out var existing) && !existing.IsClosed)
        {
            if (!force) throw VirtErrors.OperationFailed("Active console session exists for this domain");
            existing.Dispose();
        }
        var stream = PtyStream.Open(pty);
        _open[domain] = stream;
        return stream;
    }
}
