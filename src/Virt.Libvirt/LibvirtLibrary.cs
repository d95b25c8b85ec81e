using System.Reflection;
using System.Runtime.InteropServices;
using Virt.Api.Errors;
using Virt.Libvirt.Native;

namespace Virt.Libvirt;

/// <summary>
/// Finding and loading <c>libvirt.so.0</c>. The binding's <c>LibraryImport</c>s name the logical
/// library <c>libvirt</c>; a resolver maps it to the handle loaded here, so a missing library is a
/// <see cref="VirtException"/> that names the package to install, never a <see cref="DllNotFoundException"/>.
/// </summary>
public static class LibvirtLibrary
{
    /// <summary>The names tried, in order: the SONAME Debian's <c>libvirt0</c> ships, then the dev symlink.</summary>
    public static IReadOnlyList<string> DefaultNames { get; } = ["libvirt.so.0", "libvirt.so"];

    /// <summary>The Debian package that ships <c>libvirt.so.0</c>.</summary>
    public const string DebianPackage = "libvirt0";

    private static readonly Lock Gate = new();
    private static LoadResult? _loaded;
    private static bool _resolverSet;

    /// <summary>True when libvirt.so.0 can be loaded in this process.</summary>
    public static bool IsAvailable => Load().Handle != 0;

    /// <summary>
    /// libvirt's own version (<c>virGetVersion</c>) as major * 1,000,000 + minor * 1,000 + release,
    /// e.g. 9000000 for 9.0.0.
    /// </summary>
    public static unsafe ulong Version
    {
        get
        {
            EnsureLoaded();
            CULong version;
            if (NativeMethods.virGetVersion(&version, null, null) < 0) LibvirtError.ThrowLast();
            return version.Value;
        }
    }

    /// <summary>Loads libvirt.so.0 (once per process) or throws the error that says what to install.</summary>
    public static void EnsureLoaded()
    {
        var result = Load();
        if (result.Handle == 0) throw result.Error!;
    }

    /// <summary>
    /// <see cref="EnsureLoaded"/> for <see cref="DefaultNames"/>; any other list is only probed (and
    /// unloaded again): that is how tests check the missing-library path without uninstalling libvirt.
    /// </summary>
    internal static void Require(IReadOnlyList<string> names)
    {
        if (names.SequenceEqual(DefaultNames))
        {
            EnsureLoaded();
            return;
        }
        var probe = Probe(names);
        if (probe.Handle == 0) throw probe.Error!;
        NativeLibrary.Free(probe.Handle);
        EnsureLoaded();
    }

    private static LoadResult Load()
    {
        lock (Gate)
        {
            if (_loaded is { } done) return done;
            var result = Probe(DefaultNames);
            if (result.Handle != 0 && !_resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(LibvirtLibrary).Assembly, Resolve);
                _resolverSet = true;
            }
            _loaded = result;
            return result;
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == NativeMethods.Library && _loaded is { Handle: not 0 } loaded ? loaded.Handle : 0;

    /// <summary>Tries each name in turn; the error, if none loads, names the library and the package.</summary>
    internal static LoadResult Probe(IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, out var handle)) return new LoadResult(handle, null);
        }
        return new LoadResult(0, NotFound(names));
    }

    internal static VirtException NotFound(IReadOnlyList<string> names)
    {
        var message =
            $"libvirt is not installed: could not load {string.Join(" or ", names)}. " +
            $"Install the Debian package {DebianPackage} (apt-get install {DebianPackage}) to use libvirt URIs";
        return new VirtException(ErrorCode.NoConnect, ErrorDomain.None, message, message);
    }

    internal sealed record LoadResult(nint Handle, VirtException? Error);
}
