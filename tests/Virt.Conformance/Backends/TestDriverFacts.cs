using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Api.Host;
using Virt.Conformance.Suite;

namespace Virt.Conformance.Backends;

/// <summary>
/// What libvirt's <c>test:///default</c> driver does (libvirt 9.0, read from libvirt.so): the facts both
/// test-driver backends share. Every open connection in a process shares one state, and it starts over
/// when the last one closes — so each test starts from the default configuration.
/// </summary>
public abstract class TestDriverFacts : DomainConformance
{
    public const string Uri = "test:///default";

    protected override string DomainXml(string name, Guid uuid) => $"""
        <domain type='test'>
          <name>{name}</name>
          <uuid>{uuid:D}</uuid>
          <memory>131072</memory>
          <vcpu>1</vcpu>
          <os><type>hvm</type></os>
        </domain>
        """;

    protected override string DomainType => "test";
    protected override string ExpectedType => "TEST";
    protected override ErrorDomain DriverDomain => ErrorDomain.Test;
    protected override string FunctionPrefix => "test";
    protected override string ExpectedOsType => "linux";
    protected override (ulong MemoryKiB, uint Vcpus) ExpectedSize => (131072, 1);

    protected override IReadOnlyList<DefaultDomain> DefaultDomains =>
        [new("test", 1, DomainStateInfo.Of(RunningReason.Unknown), Persistent: true)];

    /// <summary>The test driver's lookups report NO_DOMAIN with no detail at all.</summary>
    protected override ExpectedError LookupFailed(string what) => ExpectedError.Plain(ErrorCode.NoDomain, ErrorDomain.Test, "Domain not found");

    protected override ExpectedError StartActive(string name) => ExpectedError.Internal(ErrorDomain.Test, $"Domain '{name}' is already running");
    protected override ExpectedError SuspendInactive(string name) => ExpectedError.Internal(ErrorDomain.Test, $"domain '{name}' not running");
    protected override ExpectedError ResumeInactive(string name) => ExpectedError.Internal(ErrorDomain.Test, $"domain '{name}' not paused");
    protected override ExpectedError ShutdownInactive(string name) => ExpectedError.Internal(ErrorDomain.Test, $"domain '{name}' not running");
    protected override ExpectedError? SuspendPaused(string name) => ExpectedError.Internal(ErrorDomain.Test, $"domain '{name}' not running");
    protected override ExpectedError? ResumeRunning(string name) => ExpectedError.Internal(ErrorDomain.Test, $"domain '{name}' not paused");
    protected override ExpectedError? AutostartTransient(string name) => null;

    protected override IReadOnlyList<(DomainEventType Type, int Detail)> StartEvents =>
        [(DomainEventType.Started, DomainEventDetail.StartedBooted)];

    protected override IReadOnlyList<(DomainEventType Type, int Detail)> DestroyEvents =>
        [(DomainEventType.Stopped, DomainEventDetail.StoppedDestroyed)];

    protected override ExpectedError? ConsoleUnsupported =>
        ExpectedError.Of(ErrorCode.NoSupport, ErrorDomain.Domain, "this function is not supported by the connection driver",
            "virDomainOpenConsole");

    protected override SecurityModel ExpectedSecurityModel => new("testSecurity", "");
    protected override SecurityLabel RunningSecurityLabel => new("libvirt-test", true);

    /// <summary>on_reboot is restart: the test driver reboots at once, and the reason becomes booted again.</summary>
    protected override DomainStateInfo? StateAfterReboot => DomainStateInfo.Of(RunningReason.Booted);
}
