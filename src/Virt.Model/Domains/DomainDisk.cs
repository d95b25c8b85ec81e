using System.Xml.Linq;

namespace Virt.Model.Domains;

/// <summary>A &lt;disk&gt; device: where its data lives and how the guest sees it.</summary>
public sealed class DomainDisk(XElement element)
{
    public XElement Element { get; } = element;

    /// <summary>Source kind: file, block, network, volume, dir.</summary>
    public string SourceType => Element.Attr("type") ?? "file";

    /// <summary>Guest-visible kind: disk, cdrom, floppy, lun.</summary>
    public string Device => Element.Attr("device") ?? "disk";

    public string? DriverName => Element.Element("driver").Attr("name");
    public string? DriverType => Element.Element("driver").Attr("type");
    public string? Cache => Element.Element("driver").Attr("cache");

    /// <summary>The host path for file and block sources (<c>source/@file</c> or <c>source/@dev</c>).</summary>
    public string? SourcePath => Element.Element("source").Attr("file") ?? Element.Element("source").Attr("dev");

    public string? TargetDev => Element.Element("target").Attr("dev");

    public string? TargetBus
    {
        get => Element.Element("target").Attr("bus");
        set => Element.GetOrAdd("target").SetAttributeValue("bus", value);
    }

    public bool ReadOnly => Element.Element("readonly") is not null;
    public bool Shareable => Element.Element("shareable") is not null;
}
