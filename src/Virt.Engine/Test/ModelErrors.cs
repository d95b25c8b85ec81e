using Virt.Api.Errors;
using Virt.Model;
using Virt.Model.Domains;

namespace Virt.Engine.Test;

/// <summary>
/// The one place where the test driver turns model exceptions into libvirt errors: a syntax error
/// becomes XML_DETAIL (text as it stands), a missing name NO_NAME, an unsupported setting
/// CONFIG_UNSUPPORTED and any other validation error XML_ERROR; all from the domain subsystem, as libvirt's
/// domain parser reports them.
/// </summary>
internal static class ModelErrors
{
    public static DomainDefinition ParseDomain(string xml)
    {
        try
        {
            return DomainDefinition.Parse(xml);
        }
        catch (ModelException ex)
        {
            throw ToVirt(ex);
        }
    }

    public static VirtException ToVirt(ModelException ex) => ex switch
    {
        XmlSyntaxException => VirtErrors.XmlDetail(ex.Message, ErrorDomain.Domain),
        _ when ex.Kind == ModelErrorKind.NoName => TestErrors.NoName(),
        _ when ex.Kind == ModelErrorKind.Unsupported => VirtErrors.ConfigUnsupported(ex.Message, ErrorDomain.Domain),
        _ => VirtErrors.XmlError(ex.Message),
    };
}
