namespace Virt.Bench.Micro;

/// <summary>
/// Brings the code under test to its steady state before BenchmarkDotNet measures it: enough calls for
/// tiered compilation (with PGO) to promote it to tier 1, then a pause for the background compiles to land.
/// Without it the first benchmark of a class measures partly tier-0 code, as in a daemon's first minute.
/// </summary>
internal static class Warm
{
    public static void Up(Action action, int calls = 3000)
    {
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < calls; i++) action();
            Thread.Sleep(250);
        }
    }
}
