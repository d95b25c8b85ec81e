using Virt.Api.Errors;

namespace Virt.Conformance.Suite;

/// <summary>
/// Every field of a libvirt error, as libvirt 9.0 sets it (read from libvirt.so's test driver with
/// python3-libvirt and this binding). Compared as one record, so a failure shows every field side by side.
/// </summary>
public sealed record ExpectedError(ErrorCode Code, ErrorDomain Domain, string Message, string? Str1, string? Str2 = null,
    string? Str3 = null, int Int1 = -1, int Int2 = -1)
{
    public static ExpectedError From(VirtException ex) =>
        new(ex.Code, ex.Domain, ex.Message, ex.Str1, ex.Str2, ex.Str3, ex.Int1, ex.Int2);

    /// <summary><c>virReportError(code, "%s", detail)</c>: "template: detail", str1 "template: %s", str2 detail.</summary>
    public static ExpectedError Of(ErrorCode code, ErrorDomain domain, string template, string detail) =>
        new(code, domain, template + ": " + detail, template + ": %s", detail);

    /// <summary>An error raised with no detail: the template alone, which is also str1.</summary>
    public static ExpectedError Plain(ErrorCode code, ErrorDomain domain, string message) => new(code, domain, message, message);

    /// <summary>A message passed through whole (XML parser errors): str1 "%s", str2 the text.</summary>
    public static ExpectedError Raw(ErrorCode code, ErrorDomain domain, string message) => new(code, domain, message, "%s", message);

    /// <summary><c>virCheckFlags</c> in a driver function.</summary>
    public static ExpectedError UnsupportedFlags(ErrorDomain domain, string function, uint flags) =>
        new(ErrorCode.InvalidArg, domain, $"unsupported flags (0x{flags:x}) in function {function}", function, "flags", Int1: 0, Int2: 0);

    public static ExpectedError Internal(ErrorDomain domain, string detail) =>
        Of(ErrorCode.InternalError, domain, "internal error", detail);

    public static ExpectedError OperationInvalid(ErrorDomain domain, string detail) =>
        Of(ErrorCode.OperationInvalid, domain, "Requested operation is not valid", detail);

    public static ExpectedError OperationFailed(ErrorDomain domain, string detail) =>
        Of(ErrorCode.OperationFailed, domain, "operation failed", detail);

    public static ExpectedError ReadOnly(string api) =>
        Of(ErrorCode.OperationDenied, ErrorDomain.Domain, "operation forbidden", "read only access prevents " + api);

    public static ExpectedError NotRunning => OperationInvalid(ErrorDomain.Domain, "domain is not running");
}
