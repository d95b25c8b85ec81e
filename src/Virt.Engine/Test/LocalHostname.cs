using System.Net;
using System.Net.Sockets;

namespace Virt.Engine.Test;

/// <summary>
/// libvirt's <c>virGetHostname</c>: the host name, or its canonical (fully qualified) form when the
/// name has no dot and the resolver knows a better one; never a "localhost" answer.
/// </summary>
internal static class LocalHostname
{
    public static string Get()
    {
        var host = Dns.GetHostName();
        if (host.Contains('.')) return host;
        try
        {
            var canonical = Dns.GetHostEntry(host).HostName;
            if (string.IsNullOrEmpty(canonical) || canonical.StartsWith("localhost", StringComparison.Ordinal))
                return host;
            return canonical;
        }
        catch (SocketException)
        {
            return host;
        }
    }
}
