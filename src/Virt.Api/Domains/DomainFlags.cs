namespace Virt.Api.Domains;

/// <summary><c>virConnectListAllDomainsFlags</c>: pairs are OR-ed within, AND-ed across.</summary>
[Flags]
public enum ListDomainsFlags : uint
{
    None = 0,
    Active = 1, Inactive = 2,
    Persistent = 4, Transient = 8,
    Running = 16, Paused = 32, Shutoff = 64, Other = 128,
    ManagedSave = 256, NoManagedSave = 512,
    Autostart = 1024, NoAutostart = 2048,
    HasSnapshot = 4096, NoSnapshot = 8192,
    HasCheckpoint = 16384, NoCheckpoint = 32768,
}

/// <summary><c>virDomainXMLFlags</c>.</summary>
[Flags]
public enum DomainXmlFlags : uint { None = 0, Secure = 1, Inactive = 2, UpdateCpu = 4, Migratable = 8 }

/// <summary><c>virDomainCreateFlags</c>.</summary>
[Flags]
public enum DomainCreateFlags : uint
{
    None = 0, Paused = 1, AutoDestroy = 2, BypassCache = 4, ForceBoot = 8, Validate = 16, ResetNvram = 32,
}

/// <summary><c>virDomainDefineFlags</c>.</summary>
[Flags]
public enum DomainDefineFlags : uint { None = 0, Validate = 1 }

/// <summary><c>virDomainUndefineFlagsValues</c>.</summary>
[Flags]
public enum DomainUndefineFlags : uint
{
    None = 0, ManagedSave = 1, SnapshotsMetadata = 2, Nvram = 4, KeepNvram = 8, CheckpointsMetadata = 16,
    Tpm = 32, KeepTpm = 64,
}

/// <summary><c>virDomainDestroyFlagsValues</c>.</summary>
[Flags]
public enum DomainDestroyFlags : uint { None = 0, Graceful = 1, RemoveLogs = 2 }

/// <summary><c>virDomainShutdownFlagValues</c> / <c>virDomainRebootFlagValues</c> (same bits).</summary>
[Flags]
public enum DomainShutdownFlags : uint
{
    Default = 0, AcpiPowerButton = 1, GuestAgent = 2, Initctl = 4, Signal = 8, Paravirt = 16,
}

/// <summary><c>virDomainConsoleFlags</c>.</summary>
[Flags]
public enum DomainConsoleFlags : uint { None = 0, Force = 1, Safe = 2 }
