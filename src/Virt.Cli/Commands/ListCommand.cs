using System.Globalization;
using System.Text;
using Virt.Api;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Cli.Shell;
using static Virt.Cli.Commands.CommandArguments;

namespace Virt.Cli.Commands;

/// <summary>virsh's <c>list</c>: filter flags go to the driver, sorting and the table are done here.</summary>
public static class ListCommand
{
    /// <summary>The filter flags and what each asks the driver for, in virsh's order.</summary>
    private static readonly (string Name, string Description, ListDomainsFlags Flag)[] Filters =
    [
        ("--transient", "list transient domains", ListDomainsFlags.Transient),
        ("--persistent", "list persistent domains", ListDomainsFlags.Persistent),
        ("--with-snapshot", "list domains with existing snapshot", ListDomainsFlags.HasSnapshot),
        ("--without-snapshot", "list domains without a snapshot", ListDomainsFlags.NoSnapshot),
        ("--with-checkpoint", "list domains with existing checkpoint", ListDomainsFlags.HasCheckpoint),
        ("--without-checkpoint", "list domains without a checkpoint", ListDomainsFlags.NoCheckpoint),
        ("--state-running", "list domains in running state", ListDomainsFlags.Running),
        ("--state-paused", "list domains in paused state", ListDomainsFlags.Paused),
        ("--state-shutoff", "list domains in shutoff state", ListDomainsFlags.Shutoff),
        ("--state-other", "list domains in other states", ListDomainsFlags.Other),
        ("--autostart", "list domains with autostart enabled", ListDomainsFlags.Autostart),
        ("--no-autostart", "list domains with autostart disabled", ListDomainsFlags.NoAutostart),
        ("--with-managed-save", "list domains with managed save state", ListDomainsFlags.ManagedSave),
        ("--without-managed-save", "list domains without managed save", ListDomainsFlags.NoManagedSave),
    ];

    public static VirshCommand Create(CommandContext ctx)
    {
        var cmd = new VirshCommand("list", "list domains", VirshGroup.Monitor, "Returns list of domains.");
        var inactive = cmd.Flag("inactive", "list inactive domains");
        var all = cmd.Flag("all", "list inactive & active domains");
        var filters = Filters.Select(f => (Option: cmd.Flag(f.Name[2..], f.Description), f.Flag)).ToList();
        var uuid = cmd.Flag("uuid", "list uuid's only");
        var name = cmd.Flag("name", "list domain names only");
        var id = cmd.Flag("id", "list domain IDs only");
        var table = cmd.Flag("table", "list table (default)");
        var managedSave = cmd.Flag("managed-save", "mark inactive domains with managed save state");
        var title = cmd.Flag("title", "show domain title");
        var json = cmd.Flag("json", "print the domains as JSON");

        cmd.SetAction(async (parse, ct) =>
        {
            bool optTable = parse.GetValue(table), optUuid = parse.GetValue(uuid), optName = parse.GetValue(name),
                optId = parse.GetValue(id), optTitle = parse.GetValue(title);
            Exclusive(optTable, optName, "table", "name");
            Exclusive(optTable, optUuid, "table", "uuid");
            Exclusive(optTable, optId, "table", "id");
            if (!optUuid && !optName && !optId) optTable = true;

            var flags = ListDomainsFlags.Active;
            if (parse.GetValue(inactive)) flags = ListDomainsFlags.Inactive;
            if (parse.GetValue(all)) flags = ListDomainsFlags.Active | ListDomainsFlags.Inactive;
            foreach (var (option, flag) in filters)
                if (parse.GetValue(option)) flags |= flag;
            // As virsh 9.0: asking for shut-off domains without --all or --inactive lists the inactive ones.
            if (flags.HasFlag(ListDomainsFlags.Shutoff) && !parse.GetValue(inactive) && !parse.GetValue(all))
                flags = (flags & ~ListDomainsFlags.Active) | ListDomainsFlags.Inactive;

            var domains = (await CommandFailure.Wrap(() => ctx.Connection.ListAllDomainsAsync(flags, ct),
                "Failed to list domains")).ToList();
            domains.Sort(Compare);

            if (parse.GetValue(json))
            {
                var rows = new List<(Domain Dom, string? State, string? Title)>();
                foreach (var dom in domains)
                    rows.Add((dom, await StateTextAsync(dom, parse.GetValue(managedSave), ct),
                        optTitle ? await TitleAsync(dom, ct) : null));
                ctx.Print(Json.Array(w =>
                {
                    foreach (var (dom, state, domTitle) in rows)
                    {
                        w.WriteStartObject();
                        if (dom.Id == DomainRef.InactiveId) w.WriteNull("id");
                        else w.WriteNumber("id", dom.Id);
                        w.WriteString("name", dom.Name);
                        w.WriteString("uuid", dom.Uuid.ToString("D"));
                        w.WriteString("state", state);
                        if (optTitle) w.WriteString("title", domTitle);
                        w.WriteEndObject();
                    }
                }));
                return;
            }

            if (optTable)
            {
                var output = optTitle ? new VirshTable("Id", "Name", "State", "Title") : new VirshTable("Id", "Name", "State");
                foreach (var dom in domains)
                {
                    var state = await StateTextAsync(dom, parse.GetValue(managedSave), ct);
                    if (state is null) continue;
                    if (optTitle) output.Add(IdText(dom), dom.Name, state, await TitleAsync(dom, ct));
                    else output.Add(IdText(dom), dom.Name, state);
                }
                ctx.Print(output.Format(withHeader: !ctx.Quiet,
                    ctx.ColorOut ? (_, column, text) => column == 2 ? Ansi.State(text) : text : null));
                return;
            }

            foreach (var dom in domains)
            {
                var line = new StringBuilder();
                if (optUuid) line.Append(dom.Uuid.ToString("D"));
                if (optId)
                {
                    // Asked for ids only, virsh leaves out domains that have none.
                    if (dom.Id == DomainRef.InactiveId && !optUuid && !optName) continue;
                    if (line.Length > 0) line.Append(' ');
                    line.Append(IdText(dom));
                }
                if (optName)
                {
                    if (line.Length > 0) line.Append(' ');
                    line.Append(dom.Name);
                }
                ctx.Print(line.Append('\n').ToString());
            }
        });
        return cmd;
    }

    /// <summary>virsh's <c>virshGetDomainDescription</c> for the title: the metadata call, else the XML's &lt;title&gt;.</summary>
    private static async Task<string> TitleAsync(Domain dom, CancellationToken ct)
    {
        try
        {
            return await dom.Connection.Driver.GetMetadataAsync(dom.Reference, DomainMetadataType.Title, null,
                DomainVcpuFlags.Current, ct);
        }
        catch (VirtException ex) when (ex.Code == ErrorCode.NoDomainMetadata)
        {
            return "";
        }
        catch (VirtException ex) when (ex.Code == ErrorCode.NoSupport)
        {
            var xml = System.Xml.Linq.XDocument.Parse(await dom.GetXmlDescAsync(DomainXmlFlags.None, ct));
            return xml.Root?.Element("title")?.Value ?? "";
        }
    }

    private static string IdText(Domain dom) =>
        dom.Id == DomainRef.InactiveId ? "-" : dom.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>virsh's <c>virshDomainState</c>: GET_STATE, else GET_INFO; null when both fail (the row is skipped).</summary>
    private static async Task<string?> StateTextAsync(Domain dom, bool markManagedSave, CancellationToken ct)
    {
        DomainState state;
        try
        {
            state = (await dom.GetStateAsync(ct)).State;
        }
        catch (VirtException)
        {
            try
            {
                state = (await dom.GetInfoAsync(ct)).State;
            }
            catch (VirtException)
            {
                return null;
            }
        }
        if (markManagedSave && state == DomainState.Shutoff)
        {
            try
            {
                if (await dom.HasManagedSaveImageAsync(ct)) return "saved";
            }
            catch (VirtException)
            {
                // as virsh: no answer means no mark
            }
        }
        return DomainStateText.State(state);
    }

    /// <summary>virsh's <c>virshDomainSorter</c>: running domains by id, then the others by name, ignoring ASCII case.</summary>
    private static int Compare(Domain a, Domain b)
    {
        var aActive = a.Id != DomainRef.InactiveId;
        var bActive = b.Id != DomainRef.InactiveId;
        if (aActive && bActive) return ((uint)a.Id).CompareTo((uint)b.Id);
        if (aActive != bActive) return aActive ? -1 : 1;
        return AsciiCaseCompare(a.Name, b.Name);
    }

    /// <summary>C's <c>strcasecmp</c> in the C locale, over the UTF-8 bytes.</summary>
    private static int AsciiCaseCompare(string a, string b)
    {
        var x = Encoding.UTF8.GetBytes(a);
        var y = Encoding.UTF8.GetBytes(b);
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var d = Lower(x[i]) - Lower(y[i]);
            if (d != 0) return d;
        }
        return x.Length.CompareTo(y.Length);

        static int Lower(byte c) => c is >= (byte)'A' and <= (byte)'Z' ? c + 32 : c;
    }
}
