using Virt.Api.Drivers;

namespace Virt.Cli;

/// <summary>The drivers this program links, registered once before the first connection opens.</summary>
internal static class DriverSetup
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        DriverRegistry.Register(new Virt.Engine.Test.TestDriverFactory());
        DriverRegistry.Register(new Virt.Engine.Qemu.QemuDriverFactory());
        return true;
    });

    public static void RegisterAll() => _ = Registered.Value;
}
