using System.Globalization;

namespace Virt.Engine.Host;

/// <summary>
/// Reads <c>/proc/PID/stat</c>: the start time identifies a process across PID reuse, the state
/// letter tells a zombie from a live process, and utime+stime give the CPU time virsh shows.
/// </summary>
public sealed record ProcStat(char State, ulong StartTimeTicks, ulong CpuTicks)
{
    public static readonly long TicksPerSecond = 100; // USER_HZ, fixed at 100 on Linux ABIs

    public bool IsAlive => State is not ('Z' or 'X' or 'x');

    public ulong CpuTimeNs => CpuTicks * (ulong)(1_000_000_000 / TicksPerSecond);

    public static ProcStat? Read(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // The command name sits in parentheses and may itself contain spaces or ')'.
        var close = text.LastIndexOf(')');
        if (close < 0) return null;
        var fields = text[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime 15, starttime 22.
        if (fields.Length < 20) return null;
        var utime = ulong.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = ulong.Parse(fields[12], CultureInfo.InvariantCulture);
        var start = ulong.Parse(fields[19], CultureInfo.InvariantCulture);
        return new ProcStat(fields[0][0], start, utime + stime);
    }

    /// <summary>True when <paramref name="pid"/> is alive and is the process that started at <paramref name="startTime"/>.</summary>
    public static bool IsSameLiveProcess(int pid, ulong startTime) =>
        Read(pid) is { } s && s.IsAlive && s.StartTimeTicks == startTime;
}
