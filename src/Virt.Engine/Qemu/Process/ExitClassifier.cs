using System.Globalization;
using System.Text.RegularExpressions;
using Virt.Api.Domains;

namespace Virt.Engine.Qemu.Process;

/// <summary>
/// Works out why a QEMU process ended after the fact. QEMU is started with the trace event
/// <c>qemu_system_shutdown_request</c>, which writes the cause into its log; so even when no
/// engine was watching (a CLI run started the VM and exited) we know whether the guest powered
/// off, panicked, or QEMU was told to quit — and a QEMU that died without a request crashed,
/// which is what libvirt reports for it too.
/// </summary>
public static partial class ExitClassifier
{
    // QEMU's ShutdownCause values (include/sysemu/runstate-action.h / qapi ShutdownCause order).
    private const int HostQmpQuit = 2, HostSignal = 4, HostUi = 5, GuestShutdown = 6, GuestReset = 7, GuestPanic = 8;

    public static DomainStateInfo Classify(string logFile, long fromOffset)
    {
        var cause = LastShutdownCause(logFile, fromOffset);
        return cause switch
        {
            GuestShutdown or GuestReset => DomainStateInfo.Of(ShutoffReason.Shutdown),
            GuestPanic => DomainStateInfo.Of(ShutoffReason.Crashed),
            HostQmpQuit or HostSignal or HostUi => DomainStateInfo.Of(ShutoffReason.Destroyed),
            _ => DomainStateInfo.Of(ShutoffReason.Crashed),
        };
    }

    public static int? LastShutdownCause(string logFile, long fromOffset)
    {
        if (!File.Exists(logFile)) return null;
        using var fs = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (fromOffset > fs.Length) return null;
        fs.Seek(fromOffset, SeekOrigin.Begin);
        var text = new StreamReader(fs).ReadToEnd();
        int? last = null;
        foreach (Match m in TraceRegex().Matches(text))
            last = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return last;
    }

    /// <summary>The last lines QEMU wrote since it started, for error messages.</summary>
    public static string Tail(string logFile, long fromOffset, int maxLines = 5)
    {
        if (!File.Exists(logFile)) return "";
        using var fs = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (fromOffset <= fs.Length) fs.Seek(fromOffset, SeekOrigin.Begin);
        var lines = new StreamReader(fs).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !TraceRegex().IsMatch(l)).ToList();
        return string.Join('\n', lines.TakeLast(maxLines)).Trim();
    }

    [GeneratedRegex(@"qemu_system_shutdown_request reason=(\d+)")]
    private static partial Regex TraceRegex();
}
