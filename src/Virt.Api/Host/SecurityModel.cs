namespace Virt.Api.Host;

/// <summary><c>virSecurityModel</c>: the host's security driver ("none" when there is none) and its DOI.</summary>
public sealed record SecurityModel(string Model, string Doi);

/// <summary><c>virSecurityLabel</c>: a domain's label (empty when it has none) and whether it is enforced.</summary>
public sealed record SecurityLabel(string Label, bool Enforcing);
