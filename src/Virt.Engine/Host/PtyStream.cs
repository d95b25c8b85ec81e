using System.Runtime.InteropServices;
using Virt.Api.Errors;
using static Virt.Engine.Host.NativeMethods;

namespace Virt.Engine.Host;

/// <summary>
/// The host end of a guest's serial console: QEMU's pty slave, opened non-blocking and switched
/// to raw mode (no echo, no line editing, bytes as they are), as libvirt does for
/// <c>virsh console</c>. Reads wait with poll in short slices, so disposing the stream ends a
/// pending read promptly — a blocking read on a tty would not return on close.
/// </summary>
public sealed class PtyStream : Stream
{
    private const int O_NOCTTY = 0x100, O_NONBLOCK = 0x800, EAGAIN = 11, EIO = 5;
    private const short POLLOUT = 0x004, POLLHUP = 0x010, POLLERR = 0x008;
    private int _fd;

    private PtyStream(int fd) => _fd = fd;

    public static PtyStream Open(string path)
    {
        var fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0);
        if (fd < 0)
            throw VirtErrors.SystemError($"Unable to open console '{path}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        MakeRaw(fd, path);
        return new PtyStream(fd);
    }

    private static unsafe void MakeRaw(int fd, string path)
    {
        var termios = stackalloc byte[256]; // struct termios is 60 bytes on Linux; room to spare
        var ok = tcgetattr(fd, termios) == 0;
        if (ok)
        {
            cfmakeraw(termios);
            ok = tcsetattr(fd, 0 /* TCSANOW */, termios) == 0;
        }
        if (!ok)
        {
            var error = Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
            close(fd);
            throw VirtErrors.SystemError($"Unable to set console '{path}' to raw mode: {error}");
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        while (true)
        {
            var n = TryRead(buffer.Span, out var errno);
            if (n >= 0) return n;
            if (errno == EIO) return 0; // the other side (QEMU) closed the pty: end of stream
            if (errno != EAGAIN && errno != EINTR)
                throw new IOException($"console read failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            await Task.Run(() => WaitReady(POLLIN, 100), ct).ConfigureAwait(false);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        while (!buffer.IsEmpty)
        {
            var n = TryWrite(buffer.Span, out var errno);
            if (n > 0) { buffer = buffer[n..]; continue; }
            if (errno != EAGAIN && errno != EINTR)
                throw new IOException($"console write failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            await Task.Run(() => WaitReady(POLLOUT, 100), ct).ConfigureAwait(false);
        }
    }

    private unsafe int TryRead(Span<byte> buffer, out int errno)
    {
        errno = 0;
        var fd = Volatile.Read(ref _fd);
        if (fd < 0) return 0;
        fixed (byte* p = buffer)
        {
            var n = (int)read(fd, p, (nuint)buffer.Length);
            if (n < 0) errno = Marshal.GetLastPInvokeError();
            return n;
        }
    }

    private unsafe int TryWrite(ReadOnlySpan<byte> buffer, out int errno)
    {
        errno = 0;
        var fd = Volatile.Read(ref _fd);
        if (fd < 0) throw new ObjectDisposedException(nameof(PtyStream));
        fixed (byte* p = buffer)
        {
            var n = (int)write(fd, p, (nuint)buffer.Length);
            if (n < 0) errno = Marshal.GetLastPInvokeError();
            return n;
        }
    }

    private unsafe void WaitReady(short events, int timeoutMs)
    {
        var fd = Volatile.Read(ref _fd);
        if (fd < 0) return;
        var pfd = new PollFd { Fd = fd, Events = events };
        poll(&pfd, 1, timeoutMs);
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    public override void Flush() { }
    /// <summary>True once disposed: the session has ended.</summary>
    public bool IsClosed => Volatile.Read(ref _fd) < 0;

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) close(fd);
        base.Dispose(disposing);
    }
}
