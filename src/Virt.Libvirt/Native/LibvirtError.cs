using System.Diagnostics.CodeAnalysis;
using Virt.Api.Errors;

namespace Virt.Libvirt.Native;

/// <summary>
/// libvirt reports a failure as a return value (−1 or NULL) plus a thread-local "last error". This
/// reads it into a <see cref="VirtException"/> with libvirt's code, domain, message and extra fields.
/// It must run on the thread that made the failing call, before any other libvirt call there: every
/// caller in this binding calls it on the next line after the failed call.
/// </summary>
internal static unsafe class LibvirtError
{
    /// <summary>libvirt's own text for a failure that left no error behind (virerror.c).</summary>
    private const string UnknownCause = "An error occurred, but the cause is unknown";

    public static VirtException Last()
    {
        var error = NativeMethods.virGetLastError();
        if (error == null || error->Code == 0)
            return new VirtException(ErrorCode.InternalError, ErrorDomain.None, UnknownCause, UnknownCause);
        var message = NativeString.Borrowed(error->Message) ?? UnknownCause;
        return new VirtException((ErrorCode)error->Code, (ErrorDomain)error->Domain, message,
            NativeString.Borrowed(error->Str1), NativeString.Borrowed(error->Str2), NativeString.Borrowed(error->Str3),
            error->Int1, error->Int2);
    }

    [DoesNotReturn]
    public static void ThrowLast() => throw Last();

    [DoesNotReturn]
    public static T ThrowLast<T>() => throw Last();

    /// <summary>Forgets an error this binding chose to ignore, so it cannot be read by mistake later.</summary>
    public static void Discard() => NativeMethods.virResetLastError();
}
