using Virt.Cli.Shell;
using Virt.Model;
using Virt.Model.Domains;

namespace Virt.Cli.Commands;

/// <summary>
/// A domain document as the user wrote it: libvirt XML, or the same document in Virt's YAML form
/// (<see cref="DomainDefinition.ParseYaml"/>), which is turned into XML here so every driver gets XML.
/// </summary>
internal static class DomainDocument
{
    /// <summary>True when the text is YAML rather than XML: its first non-blank character is not '&lt;'.</summary>
    public static bool IsYaml(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\uFEFF') continue;
            return c != '<';
        }
        return false;
    }

    /// <summary>The XML to hand to the driver; a YAML document that does not read fails with the model's message.</summary>
    public static string ToXml(string text, string context)
    {
        if (!IsYaml(text)) return text;
        try
        {
            return DomainDefinition.ParseYaml(text).ToXml();
        }
        catch (ModelException ex)
        {
            throw new CommandFailure(context, new Api.Errors.VirtException(Api.Errors.ErrorCode.XmlError,
                Api.Errors.ErrorDomain.Domain, ex.Message, "%s", ex.Message));
        }
    }

    /// <summary>The YAML form of a domain XML document (for <c>edit --yaml</c>).</summary>
    public static string ToYaml(string xml) => DomainDefinition.ParseUnvalidated(xml).ToYaml();
}
