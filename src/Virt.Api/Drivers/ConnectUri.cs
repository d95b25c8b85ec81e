using System.Web;
using Virt.Api.Errors;

namespace Virt.Api.Drivers;

/// <summary>
/// A libvirt connection URI split into the parts drivers look at:
/// <c>driver[+transport]://[host]/path[?query]</c>, e.g. <c>qemu:///embed?root=/tmp/x</c>.
/// </summary>
public sealed record ConnectUri(string Original, string Driver, string? Transport, string Host, string Path,
    IReadOnlyDictionary<string, string> Query)
{
    public static ConnectUri Parse(string uri)
    {
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
            throw VirtErrors.InvalidArg($"unable to parse URI '{uri}'", ErrorDomain.Uri);
        var scheme = uri[..schemeEnd];
        var plus = scheme.IndexOf('+');
        var driver = plus < 0 ? scheme : scheme[..plus];
        var transport = plus < 0 ? null : scheme[(plus + 1)..];
        var rest = uri[(schemeEnd + 3)..];
        var queryStart = rest.IndexOf('?');
        var query = queryStart < 0 ? "" : rest[(queryStart + 1)..];
        if (queryStart >= 0) rest = rest[..queryStart];
        var slash = rest.IndexOf('/');
        var host = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "/" : rest[slash..];
        var parsed = HttpUtility.ParseQueryString(query);
        var dict = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in parsed.AllKeys)
            if (key is not null) dict[key] = parsed[key] ?? "";
        return new ConnectUri(uri, driver, transport, host, path, dict);
    }

    public string? Get(string key) => Query.TryGetValue(key, out var v) ? v : null;

    public override string ToString() => Original;
}
