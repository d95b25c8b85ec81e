using System.Globalization;
using System.Xml.Linq;

namespace Virt.Model.Domains;

/// <summary>A character device (&lt;serial&gt;, &lt;console&gt;, &lt;channel&gt;, &lt;parallel&gt;).</summary>
public sealed class DomainCharDevice(XElement element)
{
    public XElement Element { get; } = element;

    /// <summary>Host side: pty, file, unix, tcp, null, stdio …</summary>
    public string Type => Element.Attr("type") ?? "pty";

    /// <summary>The host path (pty device, log file or unix socket).</summary>
    public string? SourcePath
    {
        get => Element.Element("source").Attr("path");
        set
        {
            var source = Element.Element("source");
            if (value is null) { source?.Remove(); return; }
            if (source is null)
            {
                source = new XElement("source");
                Element.AddFirst(source);
            }
            source.SetAttributeValue("path", value);
        }
    }

    /// <summary>For unix/tcp sources: <c>bind</c> (we listen) or <c>connect</c>.</summary>
    public string? SourceMode => Element.Element("source").Attr("mode");

    /// <summary>A file that receives a copy of everything the guest writes (<c>&lt;log file=…/&gt;</c>).</summary>
    public string? LogFile => Element.Element("log").Attr("file");
    public bool LogAppend => Element.Element("log").Attr("append") == "on";

    public string? TargetType => Element.Element("target").Attr("type");

    public int TargetPort =>
        int.TryParse(Element.Element("target").Attr("port"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
}
