using Virt.Engine.Qemu.Store;
using Virt.Model.Domains;

namespace Virt.Engine.Tests.Store;

public sealed class DomainStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vs-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static DomainDefinition Def(int vcpus) => DomainDefinition.Parse(
        $"<domain type='qemu'><name>a</name><uuid>6f0c8a3e-1b2d-4c5e-9f70-0123456789ab</uuid><memory>1024</memory><vcpu>{vcpus}</vcpu></domain>");

    [Fact]
    public void A_same_size_rewrite_right_after_a_read_is_seen_by_another_instance()
    {
        var paths = new QemuPaths(_root);
        paths.EnsureCreated();
        var writer = new DomainStore(paths);
        var reader = new DomainStore(paths); // another engine instance: its own cache
        writer.WriteConfig(Def(1));
        Assert.Equal(1, reader.LoadAll().Single().Config!.Vcpus);
        writer.WriteConfig(Def(2)); // same length, same clock tick very likely
        Assert.Equal(2, reader.LoadAll().Single().Config!.Vcpus);
        Assert.Equal(2, reader.FindByName("a")!.Config!.Vcpus);
        writer.DeleteConfig("a");
        Assert.Empty(reader.LoadAll());
        Assert.Null(reader.FindByName("a"));
    }

    [Fact]
    public void Cached_definitions_are_copies_callers_can_change()
    {
        var paths = new QemuPaths(_root);
        paths.EnsureCreated();
        var store = new DomainStore(paths);
        store.WriteConfig(Def(1));
        Thread.Sleep(150); // past the racy window, so the next two reads come from the cache
        store.Find(_ => true)!.Config!.Vcpus = 8;
        store.FindByName("a")!.Config!.Vcpus = 8;
        Assert.Equal(1, store.Find(_ => true)!.Config!.Vcpus);
        Assert.Equal(1, store.FindByName("a")!.Config!.Vcpus);
        Assert.Equal(1, store.LoadAll().Single().Config!.Vcpus);
    }
}
