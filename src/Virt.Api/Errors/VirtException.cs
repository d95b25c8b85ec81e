namespace Virt.Api.Errors;

/// <summary>
/// The one error type of the Virt API. Its fields map one-to-one onto libvirt's
/// <c>virNetMessageError</c>, so the daemon can put it on the wire unchanged and the CLI can print
/// <see cref="Exception.Message"/> exactly as virsh prints libvirt's message.
/// </summary>
public sealed class VirtException : Exception
{
    public VirtException(ErrorCode code, ErrorDomain domain, string message, string? str1 = null,
        string? str2 = null, string? str3 = null, int int1 = -1, int int2 = -1, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Domain = domain;
        Str1 = str1;
        Str2 = str2;
        Str3 = str3;
        Int1 = int1;
        Int2 = int2;
    }

    public ErrorCode Code { get; }
    public ErrorDomain Domain { get; }

    /// <summary>libvirt's <c>virErrorLevel</c>: always 2 (error) for raised errors.</summary>
    public int Level => 2;

    public string? Str1 { get; }
    public string? Str2 { get; }
    public string? Str3 { get; }
    public int Int1 { get; }
    public int Int2 { get; }
}
