using System.Collections.Concurrent;

namespace Virt.Libvirt.Runtime;

/// <summary>
/// Dedicated threads for libvirt calls that may block for long (opening a connection, starting,
/// stopping, defining a domain: seconds against a busy daemon), so they never hold a thread-pool
/// thread. Workers are created when every existing one is busy, up to <see cref="MaxWorkers"/>, and
/// then live for the rest of the process (background threads waiting on a semaphore cost nothing).
/// Each call runs start to finish on one worker, so libvirt's thread-local error is read on the thread
/// that failed. A call that has started is not cancelled: libvirt has no way to abandon one.
/// </summary>
internal static class BlockingCalls
{
    public const int MaxWorkers = 32;

    private static readonly ConcurrentQueue<IJob> Queue = new();
    private static readonly SemaphoreSlim Pending = new(0);
    private static int _workers;
    private static int _idle;

    public static Task<TResult> Run<TState, TResult>(TState state, Func<TState, TResult> work, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return Task.FromCanceled<TResult>(ct);
        var job = new Job<TState, TResult>(state, work, ct);
        Queue.Enqueue(job);
        if (Volatile.Read(ref _idle) == 0) TryAddWorker();
        Pending.Release();
        return job.Task;
    }

    public static Task Run<TState>(TState state, Action<TState> work, CancellationToken ct) =>
        Run((state, work), static s =>
        {
            s.work(s.state);
            return true;
        }, ct);

    private static void TryAddWorker()
    {
        while (true)
        {
            var count = Volatile.Read(ref _workers);
            if (count >= MaxWorkers) return; // queued jobs wait for a worker to free up
            if (Interlocked.CompareExchange(ref _workers, count + 1, count) != count) continue;
            new Thread(Work) { IsBackground = true, Name = $"libvirt call {count + 1}" }.Start();
            return;
        }
    }

    private static void Work()
    {
        while (true)
        {
            Interlocked.Increment(ref _idle);
            Pending.Wait();
            Interlocked.Decrement(ref _idle);
            if (Queue.TryDequeue(out var job)) job.Execute();
        }
    }

    private interface IJob
    {
        void Execute();
    }

    /// <summary>The queue item and its completion in one object.</summary>
    private sealed class Job<TState, TResult>(TState state, Func<TState, TResult> work, CancellationToken ct)
        : TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), IJob
    {
        public void Execute()
        {
            if (ct.IsCancellationRequested)
            {
                TrySetCanceled(ct);
                return;
            }
            try
            {
                TrySetResult(work(state));
            }
            catch (Exception ex)
            {
                TrySetException(ex);
            }
        }
    }
}
