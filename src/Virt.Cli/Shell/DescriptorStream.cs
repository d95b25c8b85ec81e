using System.Runtime.InteropServices;

namespace Virt.Cli.Shell;

/// <summary>
/// A standard descriptor as a stream that calls read(2)/write(2) directly. FileStream would use
/// pwrite at its own position on a regular file, so `virt a >> log; virt b >> log` (or several
/// runs sharing one `> log`) would overwrite each other instead of appending; System.Console
/// would write terminfo's keypad sequence into our output. Plain write(2) honours the shared
/// file offset and O_APPEND, as virsh's stdio does.
/// </summary>
internal sealed partial class DescriptorStream(int fd, bool canRead) : Stream
{
    private const int EINTR = 4, EPIPE = 32;

    public override bool CanRead => canRead;
    public override bool CanWrite => !canRead;
    public override bool CanSeek => false;

    public override unsafe int Read(byte[] buffer, int offset, int count)
    {
        fixed (byte* p = &buffer[offset])
        {
            while (true)
            {
                var n = read(fd, p, (nuint)count);
                if (n >= 0) return (int)n;
                if (Marshal.GetLastPInvokeError() != EINTR) throw new IOException($"read failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }
        }
    }

    public override unsafe void Write(byte[] buffer, int offset, int count)
    {
        fixed (byte* start = buffer)
        {
            var p = start + offset;
            while (count > 0)
            {
                var n = write(fd, p, (nuint)count);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EINTR) continue;
                    // The reader went away (`virt list | head -1`): end quietly with the status a C
                    // program killed by SIGPIPE has, as virsh does; .NET ignores the signal itself.
                    if (errno == EPIPE) Environment.Exit(128 + 13);
                    throw new IOException($"write failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
                }
                p += n;
                count -= (int)n;
            }
        }
    }

    public override void Flush() { }
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint write(int fd, byte* buffer, nuint count);
}
