using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Virt.Daemon.Hosting;

/// <summary>
/// The pid file, held open with a POSIX write lock for the daemon's life (libvirtd's pidfile rule):
/// a second daemon with the same pid file fails to take the lock and refuses to start, and a file
/// left by a killed daemon is simply taken over. Removed on dispose.
/// </summary>
internal sealed class PidFile : IDisposable
{
    private readonly FileStream _file;

    private PidFile(FileStream file, string path)
    {
        _file = file;
        Path = path;
    }

    public string Path { get; }

    public static PidFile Acquire(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            if (!Native.TryLockWholeFile(file.SafeFileHandle, out var errno))
            {
                var other = ReadPid(path);
                throw new DaemonStartException(other is { } pid
                    ? $"virtd is already running (pid {pid}, pid file {path})"
                    : $"cannot lock pid file {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
            file.SetLength(0);
            file.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
            file.Flush(flushToDisk: false);
            return new PidFile(file, path);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The pid written in a pid file, if any.</summary>
    public static int? ReadPid(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // gone already
        }
        _file.Dispose();
    }
}
