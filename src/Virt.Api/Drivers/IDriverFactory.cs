namespace Virt.Api.Drivers;

/// <summary>Opens a driver for the URIs it recognises (libvirt's <c>connectOpen</c> probing).</summary>
public interface IDriverFactory
{
    /// <summary>True when this factory serves <paramref name="uri"/> (usually by scheme and path).</summary>
    bool Accepts(ConnectUri uri);

    Task<IHypervisorDriver> OpenAsync(ConnectUri uri, ConnectFlags flags, CancellationToken ct);
}

[Flags]
public enum ConnectFlags : uint { None = 0, ReadOnly = 1, NoAliases = 2 }
