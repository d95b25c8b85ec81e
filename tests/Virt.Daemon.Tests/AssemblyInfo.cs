// Each test class starts its own daemon and boots real guests under TCG: on a 2-core machine they run
// one class at a time, so no test waits on another's CPU.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// virtd is a Linux daemon, and so are its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
