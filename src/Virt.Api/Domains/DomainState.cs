namespace Virt.Api.Domains;

/// <summary>libvirt's <c>virDomainState</c>, same numbers.</summary>
public enum DomainState
{
    NoState = 0,
    Running = 1,
    Blocked = 2,
    Paused = 3,
    Shutdown = 4,
    Shutoff = 5,
    Crashed = 6,
    PmSuspended = 7,
}

/// <summary>libvirt's <c>virDomainRunningReason</c>.</summary>
public enum RunningReason
{
    Unknown = 0, Booted = 1, Migrated = 2, Restored = 3, FromSnapshot = 4, Unpaused = 5,
    MigrationCanceled = 6, SaveCanceled = 7, Wakeup = 8, Crashed = 9, Postcopy = 10, PostcopyFailed = 11,
}

/// <summary>libvirt's <c>virDomainPausedReason</c>.</summary>
public enum PausedReason
{
    Unknown = 0, User = 1, Migration = 2, Save = 3, Dump = 4, IoError = 5, Watchdog = 6, FromSnapshot = 7,
    ShuttingDown = 8, Snapshot = 9, Crashed = 10, StartingUp = 11, Postcopy = 12, PostcopyFailed = 13,
    ApiError = 14,
}

/// <summary>libvirt's <c>virDomainShutdownReason</c>.</summary>
public enum ShutdownReason { Unknown = 0, User = 1 }

/// <summary>libvirt's <c>virDomainShutoffReason</c>.</summary>
public enum ShutoffReason
{
    Unknown = 0, Shutdown = 1, Destroyed = 2, Crashed = 3, Migrated = 4, Saved = 5, Failed = 6,
    FromSnapshot = 7, Daemon = 8,
}

/// <summary>libvirt's <c>virDomainCrashedReason</c>.</summary>
public enum CrashedReason { Unknown = 0, Panicked = 1 }

/// <summary>A state with its reason, as <c>virDomainGetState</c> returns them.</summary>
public readonly record struct DomainStateInfo(DomainState State, int Reason)
{
    public static DomainStateInfo Of(RunningReason r) => new(DomainState.Running, (int)r);
    public static DomainStateInfo Of(PausedReason r) => new(DomainState.Paused, (int)r);
    public static DomainStateInfo Of(ShutoffReason r) => new(DomainState.Shutoff, (int)r);
    public static DomainStateInfo Of(ShutdownReason r) => new(DomainState.Shutdown, (int)r);
    public static DomainStateInfo Of(CrashedReason r) => new(DomainState.Crashed, (int)r);

    public bool IsActive => State is not (DomainState.Shutoff or DomainState.NoState);
}
