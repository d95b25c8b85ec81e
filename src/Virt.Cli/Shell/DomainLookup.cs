using System.Globalization;
using Virt.Api;
using Virt.Api.Errors;

namespace Virt.Cli.Shell;

/// <summary>Which ways a command lets its &lt;domain&gt; argument be read (virsh's <c>VIRSH_BYID</c>… flags).</summary>
[Flags]
public enum LookupBy { Id = 1, Uuid = 2, Name = 4, Any = Id | Uuid | Name }

/// <summary>
/// virsh's <c>virshLookupDomainBy</c>: a non-negative number is tried as an id, a 36-character string
/// as a UUID, then the text as a name. Lookup errors are dropped; only virsh's own line is reported.
/// </summary>
public static class DomainLookup
{
    public static async Task<Domain> FindAsync(Connect conn, string text, LookupBy by, CancellationToken ct,
        Action<int, string>? debug = null, string? who = null)
    {
        Domain? dom = null;
        if (by.HasFlag(LookupBy.Id) && TryParseId(text, out var id) && id >= 0)
        {
            debug?.Invoke(0, $"{who} looks like ID");
            dom = await TryAsync(() => conn.LookupByIdAsync(id, ct)).ConfigureAwait(false);
        }
        if (dom is null && by.HasFlag(LookupBy.Uuid) && text.Length == 36)
        {
            debug?.Invoke(0, $"{who} trying as domain UUID");
            if (TryParseUuid(text, out var uuid))
                dom = await TryAsync(() => conn.LookupByUuidAsync(uuid, ct)).ConfigureAwait(false);
        }
        if (dom is null && by.HasFlag(LookupBy.Name))
        {
            debug?.Invoke(0, $"{who} trying as domain NAME");
            dom = await TryAsync(() => conn.LookupByNameAsync(text, ct)).ConfigureAwait(false);
        }
        return dom ?? throw new CommandFailure($"failed to get domain '{text}'");
    }

    private static async Task<Domain?> TryAsync(Func<Task<Domain>> lookup)
    {
        try
        {
            return await lookup().ConfigureAwait(false);
        }
        catch (VirtException)
        {
            return null;
        }
    }

    /// <summary>libvirt's <c>virStrToLong_i</c> in base 10: C whitespace, a sign, digits, nothing after, no overflow.</summary>
    public static bool TryParseId(string text, out int id)
    {
        var p = 0;
        while (p < text.Length && IsCSpace(text[p])) p++;
        var s = text[p..];
        var digitsStart = s.Length > 0 && s[0] is '+' or '-' ? 1 : 0;
        if (s.Length == digitsStart || !s[digitsStart..].All(char.IsAsciiDigit))
        {
            id = 0;
            return false;
        }
        return int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>libvirt's <c>virUUIDParse</c>: 32 hex digits, '-' or ' ' allowed between byte pairs, blanks around.</summary>
    public static bool TryParseUuid(string text, out Guid uuid)
    {
        uuid = Guid.Empty;
        var bytes = new List<char>(32);
        var p = 0;
        while (p < text.Length && IsCSpace(text[p])) p++;
        while (bytes.Count < 32)
        {
            if (p >= text.Length) return false;
            if (text[p] is '-' or ' ')
            {
                p++;
                continue;
            }
            if (!char.IsAsciiHexDigit(text[p]) || p + 1 >= text.Length || !char.IsAsciiHexDigit(text[p + 1])) return false;
            bytes.Add(text[p]);
            bytes.Add(text[p + 1]);
            p += 2;
        }
        while (p < text.Length)
        {
            if (!IsCSpace(text[p])) return false;
            p++;
        }
        return Guid.TryParseExact(new string(bytes.ToArray()), "N", out uuid);
    }

    private static bool IsCSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';
}
