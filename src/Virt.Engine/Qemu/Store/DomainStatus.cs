using System.Globalization;
using System.Xml.Linq;
using Virt.Api.Domains;
using Virt.Model.Domains;
using Virt.Model.Xml;

namespace Virt.Engine.Qemu.Store;

/// <summary>
/// The live record of a running domain (libvirt's status XML): which QEMU process runs it, how to
/// reach its monitor, its state, and the live definition. Written atomically after every change,
/// so a later engine instance can re-attach.
/// </summary>
public sealed class DomainStatus
{
    public required DomainDefinition Live { get; init; }
    public required int Pid { get; init; }
    public required ulong StartTime { get; init; }
    public required string MonitorSocket { get; init; }
    public required long LogOffset { get; init; }
    public DomainStateInfo State { get; set; }
    public bool AutoDestroy { get; init; }

    public int Id => Live.Id ?? -1;

    public DomainStatus Clone() => new()
    {
        Live = Live.Clone(),
        Pid = Pid,
        StartTime = StartTime,
        MonitorSocket = MonitorSocket,
        LogOffset = LogOffset,
        AutoDestroy = AutoDestroy,
        State = State,
    };

    public string ToXml()
    {
        var root = new XElement("domstatus",
            new XAttribute("state", (int)State.State),
            new XAttribute("reason", State.Reason),
            new XAttribute("pid", Pid),
            new XAttribute("starttime", StartTime),
            new XAttribute("monitor", MonitorSocket),
            new XAttribute("logoffset", LogOffset),
            new XAttribute("autodestroy", AutoDestroy ? "yes" : "no"),
            new XElement(Live.Root));
        return LibvirtXmlWriter.Format(root);
    }

    public static DomainStatus Parse(string xml)
    {
        var root = SafeXml.Parse(xml, "domain_status").Root!;
        var domain = root.Element("domain") ?? throw new FormatException("status file has no <domain>");
        return new DomainStatus
        {
            Live = DomainDefinition.ParseUnvalidated(domain.ToString()),
            Pid = Int(root, "pid"),
            StartTime = ulong.Parse(root.Attribute("starttime")!.Value, CultureInfo.InvariantCulture),
            MonitorSocket = root.Attribute("monitor")!.Value,
            LogOffset = long.Parse(root.Attribute("logoffset")?.Value ?? "0", CultureInfo.InvariantCulture),
            AutoDestroy = root.Attribute("autodestroy")?.Value == "yes",
            State = new DomainStateInfo((DomainState)Int(root, "state"), Int(root, "reason")),
        };
    }

    private static int Int(XElement e, string name) => int.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);
}
