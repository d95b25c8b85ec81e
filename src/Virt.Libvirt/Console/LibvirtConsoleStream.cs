using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Virt.Libvirt.Native;
using static Virt.Libvirt.Native.NativeConstants;

namespace Virt.Libvirt.Console;

/// <summary>
/// A guest console opened with <c>virDomainOpenConsole</c> on a non-blocking <c>virStream</c>, as a
/// .NET <see cref="Stream"/>. Reads and writes call <c>virStreamRecv</c>/<c>virStreamSend</c> on the
/// caller's thread; they never block, because the stream is non-blocking: when libvirt has no data
/// (or no room) yet, the call awaits a <c>virStreamEventAddCallback</c> notification from the event
/// loop instead. Interest in READABLE/WRITABLE is switched on only while somebody waits, so the event
/// loop does not spin on data nobody reads (libvirt keeps it buffered: that is the back-pressure).
/// Reading returns 0 once the guest side closed the console. Disposing finishes the stream the way
/// <c>virsh console</c> does on <c>Ctrl+]</c> (<c>virStreamFinish</c>) and frees it.
/// </summary>
internal sealed class LibvirtConsoleStream : Stream
{
    private const int AlwaysWatched = StreamEventError | StreamEventHangup;

    private readonly StreamHandle _stream;
    private readonly Lock _gate = new();
    private TaskCompletionSource? _readable;
    private TaskCompletionSource? _writable;
    private int _events = AlwaysWatched;
    private bool _eof;
    private int _disposed;

    private LibvirtConsoleStream(StreamHandle stream) => _stream = stream;

    /// <summary>Wraps a stream <c>virDomainOpenConsole</c> has just connected, and starts watching it.</summary>
    public static unsafe LibvirtConsoleStream Attach(StreamHandle stream)
    {
        var console = new LibvirtConsoleStream(stream);
        var self = GCHandle.Alloc(console);
        if (NativeMethods.virStreamEventAddCallback(stream, AlwaysWatched, &OnEvent, GCHandle.ToIntPtr(self), &OnFree) < 0)
        {
            var error = LibvirtError.Last();
            self.Free();
            throw error;
        }
        return console;
    }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (buffer.IsEmpty) return 0;
        while (true)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (_eof) return 0;
            int n = TryRecv(buffer);
            if (n == 0) _eof = true;
            if (n >= 0) return n;
            await WaitAsync(ref _readable, StreamEventReadable, ct).ConfigureAwait(false);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        while (!buffer.IsEmpty)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            int n = TrySend(buffer);
            if (n > 0)
            {
                buffer = buffer[n..];
                continue;
            }
            await WaitAsync(ref _writable, StreamEventWritable, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Bytes read, 0 at end of stream, or <see cref="StreamWouldBlock"/>; a libvirt error throws.</summary>
    private unsafe int TryRecv(Memory<byte> buffer)
    {
        using var pin = buffer.Pin();
        var n = NativeMethods.virStreamRecv(_stream, (byte*)pin.Pointer, (nuint)buffer.Length);
        if (n == -1) LibvirtError.ThrowLast();
        return n;
    }

    private unsafe int TrySend(ReadOnlyMemory<byte> buffer)
    {
        using var pin = buffer.Pin();
        var n = NativeMethods.virStreamSend(_stream, (byte*)pin.Pointer, (nuint)buffer.Length);
        if (n == -1) LibvirtError.ThrowLast();
        return n == StreamWouldBlock ? 0 : n;
    }

    /// <summary>
    /// Registers a waiter and switches the event on, both under the lock the event callback takes, so
    /// a notification can neither be lost nor leave the event switched off while someone waits.
    /// </summary>
    private Task WaitAsync(ref TaskCompletionSource? slot, int eventBit, CancellationToken ct)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            waiter = slot ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            SetEventsLocked(_events | eventBit);
        }
        return ct.CanBeCanceled ? waiter.Task.WaitAsync(ct) : waiter.Task;
    }

    private void SetEventsLocked(int events)
    {
        if (events == _events) return;
        _events = events;
        if (NativeMethods.virStreamEventUpdateCallback(_stream, events) < 0) LibvirtError.ThrowLast();
    }

    private void HandleEvent(int events)
    {
        TaskCompletionSource? readable = null, writable = null;
        lock (_gate)
        {
            if (_disposed != 0) return;
            var wake = events & (StreamEventError | StreamEventHangup);
            var next = _events;
            if ((events & StreamEventReadable) != 0 || wake != 0)
            {
                readable = _readable;
                _readable = null;
                next &= ~StreamEventReadable;
            }
            if ((events & StreamEventWritable) != 0 || wake != 0)
            {
                writable = _writable;
                _writable = null;
                next &= ~StreamEventWritable;
            }
            // After an error or hang-up, stop watching altogether: the next read or write reports it.
            if (wake != 0) next = 0;
            try
            {
                SetEventsLocked(next);
            }
            catch (Exception)
            {
                // Reported to the waiter by its next call instead.
            }
        }
        readable?.TrySetResult();
        writable?.TrySetResult();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnEvent(nint stream, int events, nint opaque)
    {
        try
        {
            (GCHandle.FromIntPtr(opaque).Target as LibvirtConsoleStream)?.HandleEvent(events);
        }
        catch (Exception)
        {
            // Nothing may unwind into libvirt's event loop.
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnFree(nint opaque)
    {
        try
        {
            GCHandle.FromIntPtr(opaque).Free();
        }
        catch (InvalidOperationException)
        {
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (!disposing)
        {
            // Finalizer: only the handle may be touched (its own finalizer frees it).
            base.Dispose(disposing);
            return;
        }
        TaskCompletionSource? readable, writable;
        lock (_gate)
        {
            readable = _readable;
            writable = _writable;
            _readable = _writable = null;
        }
        try
        {
            if (NativeMethods.virStreamEventRemoveCallback(_stream) < 0) LibvirtError.Discard();
            // Finish = the orderly end virsh sends on Ctrl+]; if the stream already failed, abort instead.
            if (NativeMethods.virStreamFinish(_stream) < 0)
            {
                LibvirtError.Discard();
                if (NativeMethods.virStreamAbort(_stream) < 0) LibvirtError.Discard();
            }
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            _stream.Dispose();
            readable?.TrySetException(new ObjectDisposedException(nameof(LibvirtConsoleStream)));
            writable?.TrySetException(new ObjectDisposedException(nameof(LibvirtConsoleStream)));
            base.Dispose(disposing);
        }
    }
}
