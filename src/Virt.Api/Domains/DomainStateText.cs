namespace Virt.Api.Domains;

/// <summary>The words virsh prints for states and reasons (virsh-domain-monitor.c in libvirt 9.0).</summary>
public static class DomainStateText
{
    public static string State(DomainState state) => state switch
    {
        DomainState.NoState => "no state",
        DomainState.Running => "running",
        DomainState.Blocked => "idle",
        DomainState.Paused => "paused",
        DomainState.Shutdown => "in shutdown",
        DomainState.Shutoff => "shut off",
        DomainState.Crashed => "crashed",
        DomainState.PmSuspended => "pmsuspended",
        _ => "no state",
    };

    public static string Reason(DomainStateInfo info) => info.State switch
    {
        DomainState.Running => (RunningReason)info.Reason switch
        {
            RunningReason.Booted => "booted",
            RunningReason.Migrated => "migrated",
            RunningReason.Restored => "restored",
            RunningReason.FromSnapshot => "from snapshot",
            RunningReason.Unpaused => "unpaused",
            RunningReason.MigrationCanceled => "migration canceled",
            RunningReason.SaveCanceled => "save canceled",
            RunningReason.Wakeup => "event wakeup",
            RunningReason.Crashed => "crashed",
            RunningReason.Postcopy => "post-copy",
            RunningReason.PostcopyFailed => "post-copy failed",
            _ => "unknown",
        },
        DomainState.Paused => (PausedReason)info.Reason switch
        {
            PausedReason.User => "user",
            PausedReason.Migration => "migrating",
            PausedReason.Save => "saving",
            PausedReason.Dump => "dumping",
            PausedReason.IoError => "I/O error",
            PausedReason.Watchdog => "watchdog",
            PausedReason.FromSnapshot => "from snapshot",
            PausedReason.ShuttingDown => "shutting down",
            PausedReason.Snapshot => "creating snapshot",
            PausedReason.Crashed => "crashed",
            PausedReason.StartingUp => "starting up",
            PausedReason.Postcopy => "post-copy",
            PausedReason.PostcopyFailed => "post-copy failed",
            PausedReason.ApiError => "api error",
            _ => "unknown",
        },
        DomainState.Shutdown => (ShutdownReason)info.Reason == ShutdownReason.User ? "user" : "unknown",
        DomainState.Shutoff => (ShutoffReason)info.Reason switch
        {
            ShutoffReason.Shutdown => "shutdown",
            ShutoffReason.Destroyed => "destroyed",
            ShutoffReason.Crashed => "crashed",
            ShutoffReason.Migrated => "migrated",
            ShutoffReason.Saved => "saved",
            ShutoffReason.Failed => "failed",
            ShutoffReason.FromSnapshot => "from snapshot",
            ShutoffReason.Daemon => "daemon",
            _ => "unknown",
        },
        DomainState.Crashed => (CrashedReason)info.Reason == CrashedReason.Panicked ? "panicked" : "unknown",
        _ => "unknown",
    };
}
