using System.Collections.Concurrent;
using System.Threading.Channels;
using Virt.Engine.Qemu.Monitor;

namespace Virt.Engine.Tests.Monitor;

/// <summary>Records every callback and notices if any two ever overlap.</summary>
internal sealed class RecordingMonitorEvents : IMonitorEvents
{
    private readonly Channel<QmpEvent> _events = Channel.CreateUnbounded<QmpEvent>();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inside;
    private int _eofCount;
    private int _errorCount;

    public ConcurrentQueue<QmpEvent> Events { get; } = new();

    public int EofCount => Volatile.Read(ref _eofCount);

    public int ErrorCount => Volatile.Read(ref _errorCount);

    public Exception? Error { get; private set; }

    public bool Overlapped { get; private set; }

    /// <summary>Completes on the first OnEof or OnError.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Runs inside OnEvent, to make handlers slow or throwing.</summary>
    public Action<QmpEvent>? OnEventHook { get; set; }

    public async Task<QmpEvent> NextEventAsync() => await _events.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Step);

    public void OnEvent(QmpEvent e) => Guarded(() =>
    {
        OnEventHook?.Invoke(e);
        Events.Enqueue(e);
        _events.Writer.TryWrite(e);
    });

    public void OnEof() => Guarded(() =>
    {
        Interlocked.Increment(ref _eofCount);
        _ended.TrySetResult();
    });

    public void OnError(Exception error) => Guarded(() =>
    {
        Error = error;
        Interlocked.Increment(ref _errorCount);
        _ended.TrySetResult();
    });

    private void Guarded(Action action)
    {
        if (Interlocked.Increment(ref _inside) != 1)
        {
            Overlapped = true;
        }

        try
        {
            action();
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }
}
