namespace Virt.Api.Domains;

/// <summary>libvirt's <c>virDomainEventType</c>, same numbers.</summary>
public enum DomainEventType
{
    Defined = 0, Undefined = 1, Started = 2, Suspended = 3, Resumed = 4, Stopped = 5, Shutdown = 6,
    PmSuspended = 7, Crashed = 8,
}

/// <summary>Details of each event type (libvirt's <c>virDomainEvent*DetailType</c>, same numbers).</summary>
public static class DomainEventDetail
{
    public const int DefinedAdded = 0, DefinedUpdated = 1;
    public const int UndefinedRemoved = 0;
    public const int StartedBooted = 0, StartedMigrated = 1, StartedRestored = 2, StartedFromSnapshot = 3, StartedWakeup = 4;
    public const int SuspendedPaused = 0;
    public const int ResumedUnpaused = 0;
    public const int StoppedShutdown = 0, StoppedDestroyed = 1, StoppedCrashed = 2, StoppedMigrated = 3, StoppedSaved = 4, StoppedFailed = 5;
    public const int ShutdownFinished = 0, ShutdownGuest = 1, ShutdownHost = 2;
    public const int CrashedPanicked = 0;
}

/// <summary>A lifecycle event as <c>virConnectDomainEventCallback</c> receives it.</summary>
public sealed record DomainLifecycleEvent(DomainRef Domain, DomainEventType Event, int Detail);
