using Virt.Api;

namespace Virt.Cli.Shell;

/// <summary>Who we are, for <c>-v</c>, <c>-V</c> and <c>version</c>.</summary>
public static class VirtInfo
{
    /// <summary>
    /// The libvirt API level Virt implements; <c>version</c> prints it on its "Using API" line, where
    /// virsh prints its library's version, because that line is the one tools read to judge the API.
    /// </summary>
    public const string LibvirtApiVersion = "9.0.0";

    /// <summary>libvirt's encoding of <see cref="LibvirtApiVersion"/>: major×1,000,000 + minor×1,000 + micro.</summary>
    public const ulong LibvirtApiVersionNumber = 9_000_000;

    /// <summary>This library's own version, as <c>major.minor.release</c>.</summary>
    public static string Version
    {
        get
        {
            var v = typeof(Connect).Assembly.GetName().Version ?? new Version(0, 0, 0);
            return $"{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}";
        }
    }

    /// <summary><c>virt -V</c>: the shape of <c>virsh -V</c>, with what this build contains.</summary>
    public static string LongVersion() =>
        $"Virt command line tool of virt {Version} (libvirt API {LibvirtApiVersion})\n" +
        "\n" +
        "Compiled with support for:\n" +
        " Hypervisors: QEMU/KVM Test\n" +
        " Miscellaneous: Readline YAML JSON Bash-completion\n";
}
