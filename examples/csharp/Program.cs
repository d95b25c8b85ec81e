// Define, start, watch and destroy a VM through the Virt API, with libvirt (via Virt.Libvirt) as the driver.
//
//   dotnet run --project examples/csharp                       # libvirt's built-in test:///default, no daemon
//   dotnet run --project examples/csharp -- 'qemu+unix:///system?socket=/run/virt/virtd-sock' guest.xml
//
// With a URI and an XML file it defines that domain instead of the small test one.
using Virt.Api;
using Virt.Api.Domains;
using Virt.Api.Drivers;
using Virt.Api.Errors;
using Virt.Libvirt;

var uri = args.Length > 0 ? args[0] : "test:///default";
var name = $"example-{Environment.ProcessId}";
var xml = args.Length > 1
    ? await File.ReadAllTextAsync(args[1])
    : $"<domain type='test'><name>{name}</name><memory unit='MiB'>128</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>";

// The host program decides which URIs go where; this one sends every URI to libvirt.
DriverRegistry.Register(new LibvirtDriverFactory());

try
{
    await using var conn = await Connect.OpenAsync(uri);
    Console.WriteLine($"connected to {conn.Uri} ({conn.Driver.Type}, libvirt {LibvirtLibrary.Version})");

    var events = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    conn.Driver.DomainLifecycle += e =>
    {
        Console.WriteLine($"  event: {e.Domain.Name} (id {e.Domain.Id}) {e.Event} detail {e.Detail}");
        if (e.Event == DomainEventType.Undefined) events.TrySetResult();
    };

    var dom = await conn.DefineXmlAsync(xml);
    Console.WriteLine($"defined {dom.Name} {dom.Uuid}");

    await dom.StartAsync();
    var state = await dom.GetStateAsync();
    var info = await dom.GetInfoAsync();
    Console.WriteLine($"started with id {dom.Id}: {DomainStateText.State(state.State)} ({DomainStateText.Reason(state)}), " +
                      $"{info.MemoryKiB / 1024} MiB, {info.VirtCpus} vCPU");

    await dom.DestroyAsync();
    Console.WriteLine($"destroyed: {DomainStateText.Reason(await dom.GetStateAsync())}");
    await dom.UndefineAsync();

    await events.Task.WaitAsync(TimeSpan.FromSeconds(10));
    return 0;
}
catch (VirtException ex)
{
    // libvirt's own words, as virsh prints them.
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
