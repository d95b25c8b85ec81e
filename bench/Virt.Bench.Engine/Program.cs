using System.Runtime.InteropServices;
using Virt.Bench.Engine;

// Usage: Virt.Bench.Engine [REPS] [READY_REPS]
//   REPS        start/destroy pairs and micro-benchmark batches (default 10)
//   READY_REPS  destroys of a fully booted guest (after VIRT-GUEST-READY; default min(3, REPS))
// The markdown report goes to stdout, progress to stderr.
var reps = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
var readyReps = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : Math.Min(3, reps);
if (reps < 1 || readyReps < 1) throw new ArgumentException("REPS and READY_REPS must be at least 1");

// Short, private root: unix socket paths are limited to 107 bytes, and the name marks our QEMUs.
var root = Path.Combine("/tmp", "vb-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(root);

void Cleanup()
{
    var killed = Leftovers.KillAll(root);
    if (killed > 0) Console.Error.WriteLine($"bench: killed {killed} leftover QEMU process(es)");
    try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
}

// Ctrl-C / SIGTERM: kill our QEMUs, then let the default action end the process.
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Cleanup());
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Cleanup());

try
{
    var report = await new EngineBench(root, reps, readyReps).RunAsync();
    Console.Write(report);
    return 0;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"bench: FAILED: {ex}");
    return 1;
}
finally
{
    Cleanup();
}
