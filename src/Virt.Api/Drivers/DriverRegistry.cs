using Virt.Api.Errors;

namespace Virt.Api.Drivers;

/// <summary>
/// The drivers a process can open. Virt.Api knows no driver itself (references point one way);
/// the host program — the CLI, the daemon, a user's app — registers the ones it links.
/// </summary>
public static class DriverRegistry
{
    private static readonly List<IDriverFactory> Factories = [];
    private static readonly Lock Gate = new();

    public static void Register(IDriverFactory factory)
    {
        lock (Gate)
        {
            if (!Factories.Contains(factory)) Factories.Add(factory);
        }
    }

    internal static IDriverFactory Find(ConnectUri uri)
    {
        lock (Gate)
        {
            return Factories.FirstOrDefault(f => f.Accepts(uri)) ?? throw VirtErrors.NoConnect(uri.Original);
        }
    }
}
