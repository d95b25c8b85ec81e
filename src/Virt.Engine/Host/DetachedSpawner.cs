using System.Runtime.InteropServices;
using Virt.Api.Errors;
using static Virt.Engine.Host.NativeMethods;

namespace Virt.Engine.Host;

/// <summary>
/// Starts a program from an argv array (never through a shell) in a session of its own, with
/// stdin from /dev/null and stdout/stderr appended to a log file. The program outlives the
/// engine — a CLI run that starts a VM exits while the VM keeps running — so it must not share
/// our session or terminal, and its output must not go to pipes nobody will read.
/// </summary>
public static unsafe class DetachedSpawner
{
    public static int Spawn(string executable, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment,
        string logFile)
    {
        var fileActions = NativeMemory.AllocZeroed(SpawnStructSize);
        var attr = NativeMemory.AllocZeroed(SpawnStructSize);
        var sigset = NativeMemory.AllocZeroed(128);
        var strings = new List<nint>();
        try
        {
            Check(posix_spawn_file_actions_init(fileActions), "posix_spawn_file_actions_init");
            Check(posix_spawn_file_actions_addopen(fileActions, 0, "/dev/null", O_RDONLY, 0), "addopen stdin");
            Check(posix_spawn_file_actions_addopen(fileActions, 1, logFile, O_WRONLY | O_CREAT | O_APPEND, 0x180), "addopen stdout");
            Check(posix_spawn_file_actions_addopen(fileActions, 2, logFile, O_WRONLY | O_CREAT | O_APPEND, 0x180), "addopen stderr");

            Check(posix_spawnattr_init(attr), "posix_spawnattr_init");
            // The runtime blocks and ignores some signals (SIGPIPE); the child starts with defaults.
            sigemptyset(sigset);
            Check(posix_spawnattr_setsigmask(attr, sigset), "setsigmask");
            sigfillset(sigset);
            Check(posix_spawnattr_setsigdefault(attr, sigset), "setsigdefault");
            Check(posix_spawnattr_setflags(attr, (short)(POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)), "setflags");

            var argvPtrs = stackalloc nint[argv.Count + 1];
            for (var i = 0; i < argv.Count; i++) argvPtrs[i] = Utf8(argv[i], strings);
            argvPtrs[argv.Count] = 0;

            var envList = environment.Select(kv => $"{kv.Key}={kv.Value}").ToList();
            var envPtrs = stackalloc nint[envList.Count + 1];
            for (var i = 0; i < envList.Count; i++) envPtrs[i] = Utf8(envList[i], strings);
            envPtrs[envList.Count] = 0;

            var rc = posix_spawn(out var pid, executable, fileActions, attr, argvPtrs, envPtrs);
            if (rc != 0)
                throw VirtErrors.SystemError($"Cannot execute '{executable}': {Marshal.GetPInvokeErrorMessage(rc)}");
            return pid;
        }
        finally
        {
            posix_spawn_file_actions_destroy(fileActions);
            posix_spawnattr_destroy(attr);
            NativeMemory.Free(fileActions);
            NativeMemory.Free(attr);
            NativeMemory.Free(sigset);
            foreach (var s in strings) Marshal.FreeCoTaskMem(s);
        }
    }

    private static nint Utf8(string s, List<nint> owned)
    {
        var p = Marshal.StringToCoTaskMemUTF8(s);
        owned.Add(p);
        return p;
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0) throw VirtErrors.SystemError($"{what} failed: {Marshal.GetPInvokeErrorMessage(rc)}");
    }
}
