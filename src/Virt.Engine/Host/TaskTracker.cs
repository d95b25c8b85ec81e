using System.Collections.Concurrent;

namespace Virt.Engine.Host;

/// <summary>Background work an owner must let finish (within a bound) before it goes away.</summary>
public sealed class TaskTracker
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    public void Track(Task task)
    {
        _running[task] = 0;
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    public async Task WhenAllAsync(TimeSpan limit)
    {
        var all = Task.WhenAll(_running.Keys);
        await Task.WhenAny(all, Task.Delay(limit)).ConfigureAwait(false);
    }
}
