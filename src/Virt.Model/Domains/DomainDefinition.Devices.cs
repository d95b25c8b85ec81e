using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

public sealed partial class DomainDefinition
{
    /// <summary>The &lt;devices&gt; element, created when missing.</summary>
    public XElement Devices => Top("devices");

    public string? Emulator
    {
        get => Root.Element("devices")?.Element("emulator")?.Value.Trim();
        set
        {
            if (value is null) { Root.Element("devices")?.Element("emulator")?.Remove(); return; }
            var existing = Devices.Element("emulator");
            if (existing is not null) existing.Value = value; else Devices.AddFirst(new XElement("emulator", value));
        }
    }

    /// <summary>Every device in document order, each as its typed view (emulator excluded).</summary>
    public IEnumerable<DomainDevice> AllDevices =>
        Root.Element("devices")?.Elements().Where(e => e.Name.LocalName != "emulator").Select(DomainDevice.For) ?? [];

    public IEnumerable<DomainDisk> Disks => DeviceElements("disk").Select(e => new DomainDisk(e));
    public IEnumerable<DomainController> Controllers => DeviceElements("controller").Select(e => new DomainController(e));
    public IEnumerable<DomainInterface> Interfaces => DeviceElements("interface").Select(e => new DomainInterface(e));
    public IEnumerable<DomainCharDevice> Serials => DeviceElements("serial").Select(e => new DomainCharDevice(e));
    public IEnumerable<DomainCharDevice> Consoles => DeviceElements("console").Select(e => new DomainCharDevice(e));
    public IEnumerable<DomainCharDevice> Parallels => DeviceElements("parallel").Select(e => new DomainCharDevice(e));
    public IEnumerable<DomainCharDevice> Channels => DeviceElements("channel").Select(e => new DomainCharDevice(e));
    public IEnumerable<DomainInput> Inputs => DeviceElements("input").Select(e => new DomainInput(e));
    public IEnumerable<DomainGraphics> Graphics => DeviceElements("graphics").Select(e => new DomainGraphics(e));
    public IEnumerable<DomainVideo> Videos => DeviceElements("video").Select(e => new DomainVideo(e));
    public IEnumerable<DomainSound> Sounds => DeviceElements("sound").Select(e => new DomainSound(e));
    public IEnumerable<DomainAudio> Audios => DeviceElements("audio").Select(e => new DomainAudio(e));
    public IEnumerable<DomainHostdev> Hostdevs => DeviceElements("hostdev").Select(e => new DomainHostdev(e));
    public IEnumerable<DomainRedirdev> Redirdevs => DeviceElements("redirdev").Select(e => new DomainRedirdev(e));
    public IEnumerable<DomainSmartcard> Smartcards => DeviceElements("smartcard").Select(e => new DomainSmartcard(e));
    public IEnumerable<DomainHub> Hubs => DeviceElements("hub").Select(e => new DomainHub(e));
    public IEnumerable<DomainWatchdog> Watchdogs => DeviceElements("watchdog").Select(e => new DomainWatchdog(e));
    public DomainMemballoon? Memballoon => DeviceElements("memballoon").Select(e => new DomainMemballoon(e)).FirstOrDefault();
    public IEnumerable<DomainRng> Rngs => DeviceElements("rng").Select(e => new DomainRng(e));
    public IEnumerable<DomainTpm> Tpms => DeviceElements("tpm").Select(e => new DomainTpm(e));
    public IEnumerable<DomainFilesystem> Filesystems => DeviceElements("filesystem").Select(e => new DomainFilesystem(e));
    public IEnumerable<DomainPanic> Panics => DeviceElements("panic").Select(e => new DomainPanic(e));
    public IEnumerable<DomainShmem> Shmems => DeviceElements("shmem").Select(e => new DomainShmem(e));
    public DomainIommu? Iommu => DeviceElements("iommu").Select(e => new DomainIommu(e)).FirstOrDefault();
    public DomainVsock? Vsock => DeviceElements("vsock").Select(e => new DomainVsock(e)).FirstOrDefault();

    /// <summary>
    /// Adds a device element after the last device of its kind, or where libvirt's formatter would put
    /// that kind, and returns its typed view.
    /// </summary>
    public DomainDevice AddDevice(XElement device) => DomainDevice.For(XmlOrder.Insert(Devices, device, DomainDevice.KindOrder));

    /// <summary>Adds an empty device element of the given kind (<c>"disk"</c>, <c>"interface"</c> …) with a type attribute.</summary>
    public T AddDevice<T>(string kind, string? type = null) where T : DomainDevice
    {
        var e = new XElement(kind);
        if (type is not null) e.SetAttributeValue("type", type);
        return (T)AddDevice(e);
    }

    private IEnumerable<XElement> DeviceElements(string name) =>
        Root.Element("devices")?.Elements(name) ?? [];
}
