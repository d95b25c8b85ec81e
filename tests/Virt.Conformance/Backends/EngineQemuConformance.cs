using Virt.Api.Drivers;
using Virt.Engine.Qemu;

namespace Virt.Conformance.Backends;

/// <summary>Virt's in-process QEMU driver, <c>qemu:///embed?root=/tmp/…</c> (a fresh root per test).</summary>
public sealed class EngineQemuConformance : QemuFacts
{
    private readonly string _root = Path.Combine("/tmp", "vcq-" + Guid.NewGuid().ToString("N")[..10]);

    public EngineQemuConformance() => Directory.CreateDirectory(_root);

    protected override string LogDir => _root;

    protected override Task<IHypervisorDriver> OpenAsync(bool readOnly) =>
        new QemuDriverFactory().OpenAsync(ConnectUri.Parse($"qemu:///embed?root={_root}"),
            readOnly ? ConnectFlags.ReadOnly : ConnectFlags.None, CancellationToken.None);

    protected override IReadOnlyDictionary<string, string> KnownDivergences => Divergences;

    /// <summary>Where the in-process QEMU driver differs from libvirt's. Only shrinks.</summary>
    public static readonly IReadOnlyDictionary<string, string> Divergences =
        new Dictionary<string, string>(QemuEngineDivergences.Common)
        {
        };

    protected override Task CleanupAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}
