using System.Runtime.InteropServices;

namespace Virt.Bench.Engine;

/// <summary>
/// Finds and kills, by PID, every process whose command line mentions this run's private root
/// (/tmp/vb-XXXXXXXX): those are exactly the QEMUs this benchmark started, engine-spawned or direct.
/// The engine detaches its QEMUs into their own session, so they would outlive a failed run.
/// </summary>
public static class Leftovers
{
    public static IReadOnlyList<int> Find(string root)
    {
        var self = Environment.ProcessId;
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == self) continue;
            string cmdline;
            try { cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (cmdline.Contains(root, StringComparison.Ordinal) && cmdline.Contains("qemu", StringComparison.Ordinal))
                found.Add(pid);
        }
        return found;
    }

    /// <summary>SIGKILLs each leftover and reaps it if it is our child. Returns how many there were.</summary>
    public static int KillAll(string root)
    {
        var pids = Find(root);
        foreach (var pid in pids) kill(pid, 9);
        foreach (var pid in pids)
        {
            // Reap our own children (WNOHANG: a non-child answers ECHILD at once); give each 2 s.
            for (var i = 0; i < 200 && Directory.Exists($"/proc/{pid}"); i++)
            {
                if (waitpid(pid, out _, 1 /* WNOHANG */) != 0) break;
                Thread.Sleep(10);
            }
        }
        return pids.Count;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc", SetLastError = true)]
    private static extern int waitpid(int pid, out int status, int options);
}
