namespace Virt.Api.Errors;

/// <summary>
/// Named factories for the errors Virt raises, with libvirt's message templates so that users see
/// the same text virsh shows them today (templates from libvirt's <c>virerror.c</c>, libvirt 9.0).
/// </summary>
public static class VirtErrors
{
    public static VirtException NoDomainByName(string name, ErrorDomain from = ErrorDomain.Qemu) =>
        Make(ErrorCode.NoDomain, from, "Domain not found", $"no domain with matching name '{name}'");

    public static VirtException NoDomainByUuid(Guid uuid, ErrorDomain from = ErrorDomain.Qemu) =>
        Make(ErrorCode.NoDomain, from, "Domain not found", $"no domain with matching uuid '{uuid:D}'");

    public static VirtException NoDomainById(int id, ErrorDomain from = ErrorDomain.Qemu) =>
        Make(ErrorCode.NoDomain, from, "Domain not found", $"no domain with matching id {id}");

    public static VirtException OperationInvalid(string detail, ErrorDomain from = ErrorDomain.Qemu) =>
        Make(ErrorCode.OperationInvalid, from, "Requested operation is not valid", detail);

    public static VirtException NotRunning(ErrorDomain from = ErrorDomain.Qemu) =>
        OperationInvalid("domain is not running", from);

    public static VirtException AlreadyRunning(ErrorDomain from = ErrorDomain.Qemu) =>
        OperationInvalid("domain is already running", from);

    public static VirtException OperationFailed(string detail, ErrorDomain from = ErrorDomain.Qemu) =>
        Make(ErrorCode.OperationFailed, from, "operation failed", detail);

    public static VirtException Internal(string detail, ErrorDomain from = ErrorDomain.Qemu, Exception? inner = null) =>
        Make(ErrorCode.InternalError, from, "internal error", detail, inner);

    public static VirtException NoSupport(string function, ErrorDomain from = ErrorDomain.Qemu) =>
        Make(ErrorCode.NoSupport, from, "this function is not supported by the connection driver", function);

    public static VirtException InvalidArg(string detail, ErrorDomain from = ErrorDomain.Qemu) =>
        Make(ErrorCode.InvalidArg, from, "invalid argument", detail);

    public static VirtException ConfigUnsupported(string detail, ErrorDomain from = ErrorDomain.Qemu) =>
        Make(ErrorCode.ConfigUnsupported, from, "unsupported configuration", detail);

    public static VirtException XmlError(string detail, ErrorDomain from = ErrorDomain.Domain) =>
        Make(ErrorCode.XmlError, from, "XML error", detail);

    /// <summary>A syntax error in a document: libvirt reports these with the text as it stands.</summary>
    public static VirtException XmlDetail(string detail, ErrorDomain from = ErrorDomain.Xml) =>
        new(ErrorCode.XmlDetail, from, detail, "%s", detail);

    public static VirtException NoConnect(string uri) =>
        Make(ErrorCode.NoConnect, ErrorDomain.None, "no connection driver available for", uri, separator: " ");

    public static VirtException OperationTimeout(string detail, ErrorDomain from = ErrorDomain.Qemu) =>
        Make(ErrorCode.OperationTimeout, from, "Timed out during operation", detail);

    public static VirtException OperationDenied(string detail, ErrorDomain from = ErrorDomain.Qemu) =>
        Make(ErrorCode.OperationDenied, from, "operation forbidden", detail);

    public static VirtException SystemError(string message, ErrorDomain from = ErrorDomain.Qemu, Exception? inner = null) =>
        new(ErrorCode.SystemError, from, message, "%s", message, inner: inner);

    private static VirtException Make(ErrorCode code, ErrorDomain from, string template, string detail,
        Exception? inner = null, string separator = ": ") =>
        new(code, from, template + separator + detail, template + separator + "%s", detail, inner: inner);
}
