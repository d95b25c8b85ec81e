using Virt.Api.Drivers;
using Virt.Conformance.Suite;
using Virt.Engine.Test;

namespace Virt.Conformance.Backends;

/// <summary>Virt's in-process <c>test:///default</c> (<see cref="TestDriverFactory"/>).</summary>
[Collection(EngineTestDriverCollection.Name)]
public sealed class EngineTestDriverConformance : TestDriverFacts
{
    protected override Task<IHypervisorDriver> OpenAsync(bool readOnly) =>
        new TestDriverFactory().OpenAsync(ConnectUri.Parse(Uri), readOnly ? ConnectFlags.ReadOnly : ConnectFlags.None, CancellationToken.None);

    /// <summary>Where Virt.Engine's test driver and libvirt 9.0's differ today (libvirt is right). Only shrinks.</summary>
    protected override IReadOnlyDictionary<string, string> KnownDivergences => Divergences;

    public static readonly IReadOnlyDictionary<string, string> Divergences = new Dictionary<string, string>
    {
        ["unsupported-flags"] = "virCheckFlags errors: int2 is -1, libvirt sets 0 (TestErrors.UnsupportedFlags)",
        ["lookup-negative-id"] = "virDomainLookupByID(-1): int2 is -1, libvirt sets 0 (TestErrors.NegativeId)",
        ["console-unsupported-error-domain"] = "virDomainOpenConsole: domain is VIR_FROM_TEST (12); libvirt reports VIR_FROM_DOMAIN (20) from libvirt-domain.c",
        ["xml-malformed"] = "'<domain': .NET XmlReader text '(domain_definition):1:8: Unexpected end of file while parsing Name has occurred.'; libvirt passes libxml2's '(domain_definition):1: Couldn't find end of Start Tag domain line 1\\n<domain\\n-------^'",
        ["xml-empty-document"] = "'': '(domain_definition):0:0: Root element is missing.'; libvirt: '(domain_definition):1: Document is empty\\n(null)\\n^'",
        ["xml-root-element"] = "'<foo/>': domain VIR_FROM_DOMAIN, 'XML error: unexpected root element <foo>, expecting <domain>'; libvirt: VIR_FROM_XML (5), 'XML error: expecting root element of 'domain', not 'foo''",
        ["xml-no-os-type"] = "no <os><type> and no <memory>: the memory check runs first ('XML error: /domain/memory: missing element memory: the domain needs a memory size'); libvirt checks the os type first: 'XML error: an os <type> must be specified'",
        ["xml-no-memory"] = "no <memory>: 'XML error: /domain/memory: missing element memory: the domain needs a memory size'; libvirt: 'XML error: Memory size must be specified via <memory> or in the <numa> configuration'",
        ["xml-no-type-attribute"] = "<domain> without type: XML_ERROR (27) 'XML error: /domain: missing domain type attribute'; libvirt: INTERNAL_ERROR (1) 'internal error: missing domain type attribute'",
        ["xml-slash-in-name"] = "name 'a/b': 'XML error: /domain/name: name 'a/b' cannot contain '/''; libvirt: 'XML error: name a/b cannot contain '/''",
        ["xml-malformed-uuid"] = "<uuid>zzz</uuid>: XML_ERROR (27) 'XML error: /domain/uuid: malformed uuid element 'zzz''; libvirt: INTERNAL_ERROR (1) 'internal error: malformed uuid element'",
    };
}

/// <summary>The engine's test driver state is per process too: its users run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class EngineTestDriverCollection
{
    public const string Name = "engine test:///default";
}
