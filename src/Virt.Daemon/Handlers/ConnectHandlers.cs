using Virt.Daemon.Server;
using Virt.Rpc.Protocol;
using Virt.Rpc.Protocol.Messages;
using T = Virt.Rpc.Protocol.ProcedureTable;

namespace Virt.Daemon.Handlers;

/// <summary>Connection set-up, probes and host facts (SPEC b.2, first half).</summary>
internal static class ConnectHandlers
{
    /// <summary>libvirt 9.0.0, the library level whose protocol virtd speaks (CONNECT_GET_LIB_VERSION).</summary>
    public const ulong LibVersion = 9_000_000;

    public static void Register(RemoteDispatcher d)
    {
        // No authentication on unix sockets: every socket answers [NONE] and the client is trusted at once.
        d.On(T.AuthList, (_, _) => Task.FromResult(AuthListRet.NoAuth));
        d.On(T.ConnectSupportsFeature, (_, a) => Task.FromResult(new ConnectSupportsFeatureRet(SupportsFeature(a.Feature))));
        d.OnVoid(T.ConnectOpen, (c, a) => c.Client.OpenAsync(a.Name, a.Flags, c.CancellationToken));
        d.On(T.ConnectGetUri, (c, _) => Task.FromResult(new ConnectGetUriRet(c.Client.Driver?.Uri ?? throw CallContext.NotOpen())));
        // Close callbacks would report the hypervisor connection dying; the drivers live in this process, so it never does.
        d.OnVoid(T.ConnectRegisterCloseCallback, (_, _) => Task.CompletedTask);
        d.OnVoid(T.ConnectUnregisterCloseCallback, (_, _) => Task.CompletedTask);
        d.OnVoid(T.ConnectClose, (c, _) => c.Client.CloseSessionAsync("the connection was closed"));

        d.On(T.ConnectGetType, (c, _) => Task.FromResult(new ConnectGetTypeRet(c.Driver.Type)));
        d.On(T.ConnectGetVersion, async (c, _) =>
            new ConnectGetVersionRet(await c.Driver.GetHypervisorVersionAsync(c.CancellationToken).ConfigureAwait(false)));
        d.On(T.ConnectGetLibVersion, (_, _) => Task.FromResult(new ConnectGetLibVersionRet(LibVersion)));
        d.On(T.ConnectGetHostname, async (c, _) =>
            new ConnectGetHostnameRet(await c.Driver.GetHostnameAsync(c.CancellationToken).ConfigureAwait(false)));
        d.On(T.NodeGetInfo, async (c, _) =>
            NodeGetInfoRet.From(await c.Driver.GetNodeInfoAsync(c.CancellationToken).ConfigureAwait(false)));
        d.On(T.NodeGetSecurityModel, async (c, _) =>
        {
            var model = await c.Driver.GetSecurityModelAsync(c.CancellationToken).ConfigureAwait(false);
            return new NodeGetSecurityModelRet(model.Model, model.Doi);
        });
        d.On(T.ConnectGetCapabilities, async (c, _) =>
            new ConnectGetCapabilitiesRet(await c.Driver.GetCapabilitiesAsync(c.CancellationToken).ConfigureAwait(false)));
    }

    /// <summary>
    /// Keepalive (10), event callbacks (14) and close callbacks (15) are served; everything else —
    /// FD passing, migration — is not, and a client asking gets 0 and takes its other path.
    /// </summary>
    public static bool SupportsFeature(int feature) => feature is DriverFeature.ProgramKeepalive
        or DriverFeature.RemoteEventCallback or DriverFeature.RemoteCloseCallback;
}
