using System.Runtime.InteropServices;
using System.Text;

namespace Virt.Libvirt.Native;

/// <summary><c>virError</c> (virterror.h). The deprecated conn/dom/net pointers are kept for the layout only.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeError
{
    public int Code;
    public int Domain;
    public byte* Message;
    public int Level;
    public nint Conn;
    public nint Dom;
    public byte* Str1;
    public byte* Str2;
    public byte* Str3;
    public int Int1;
    public int Int2;
    public nint Net;
}

/// <summary><c>virNodeInfo</c>: <c>unsigned long</c> is <see cref="CULong"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeNodeInfo
{
    public fixed byte Model[32];
    public CULong Memory;
    public uint Cpus;
    public uint Mhz;
    public uint Nodes;
    public uint Sockets;
    public uint Cores;
    public uint Threads;
}

/// <summary><c>virDomainInfo</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeDomainInfo
{
    public byte State;
    public CULong MaxMem;
    public CULong Memory;
    public ushort NrVirtCpu;
    public ulong CpuTime;
}

/// <summary><c>virSecurityModel</c>: two NUL-terminated char arrays of VIR_SECURITY_{MODEL,DOI}_BUFLEN.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeSecurityModel
{
    public const int ModelLength = 256 + 1, DoiLength = 256 + 1;
    public fixed byte Model[ModelLength];
    public fixed byte Doi[DoiLength];
}

/// <summary><c>virSecurityLabel</c>: a VIR_SECURITY_LABEL_BUFLEN char array and an int.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeSecurityLabel
{
    public const int LabelLength = 4096 + 1;
    public fixed byte Label[LabelLength];
    public int Enforcing;
}

/// <summary>Strings across the boundary: UTF-8, freed with libc's <c>free</c> when libvirt hands them over.</summary>
internal static unsafe class NativeString
{
    /// <summary>A <c>const char *</c> libvirt keeps (null stays null).</summary>
    public static string? Borrowed(byte* p) => p == null ? null : Marshal.PtrToStringUTF8((nint)p);

    /// <summary>A <c>char *</c> the caller owns: read, then freed (libvirt allocates with glib = malloc).</summary>
    public static string? Owned(byte* p)
    {
        if (p == null) return null;
        try
        {
            return Marshal.PtrToStringUTF8((nint)p);
        }
        finally
        {
            NativeMemory.Free(p);
        }
    }

    /// <summary>A fixed char array: up to its first NUL, never past its end.</summary>
    public static string FromBuffer(byte* buffer, int length)
    {
        var span = new ReadOnlySpan<byte>(buffer, length);
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}
