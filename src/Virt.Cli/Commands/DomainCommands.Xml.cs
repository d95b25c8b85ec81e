using System.CommandLine;
using Virt.Api;
using Virt.Api.Domains;
using Virt.Cli.Shell;
using static Virt.Cli.Commands.CommandArguments;

namespace Virt.Cli.Commands;

/// <summary>The Domain Management commands about names and XML: domid, domname, domuuid, dumpxml, domxml-to-native, edit.</summary>
public static partial class DomainCommands
{
    private static VirshCommand DomId(CommandContext ctx)
    {
        var cmd = new VirshCommand("domid", "convert a domain name or UUID to domain id", VirshGroup.Domain);
        var domain = cmd.Domain("domain name or uuid");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct, LookupBy.Name | LookupBy.Uuid);
            ctx.Print(dom.Id == DomainRef.InactiveId ? "-\n" : $"{dom.Id}\n");
        });
        return cmd;
    }

    private static VirshCommand DomName(CommandContext ctx)
    {
        var cmd = new VirshCommand("domname", "convert a domain id or UUID to domain name", VirshGroup.Domain);
        var domain = cmd.Domain("domain id or uuid");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct, LookupBy.Id | LookupBy.Uuid);
            ctx.Print($"{dom.Name}\n");
        });
        return cmd;
    }

    private static VirshCommand DomUuid(CommandContext ctx)
    {
        var cmd = new VirshCommand("domuuid", "convert a domain name or id to domain UUID", VirshGroup.Domain);
        var domain = cmd.Domain("domain id or name");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct, LookupBy.Id | LookupBy.Name);
            ctx.Print($"{dom.Uuid:D}\n");
        });
        return cmd;
    }

    private static VirshCommand DomXmlToNative(CommandContext ctx)
    {
        var cmd = new VirshCommand("domxml-to-native", "Convert domain XML to native config", VirshGroup.Domain,
            "Convert domain XML config to a native guest configuration format.");
        var format = cmd.Data("format", "target config data type format");
        var domain = cmd.Text("domain", "domain name, id or uuid", positional: false);
        var xml = cmd.Text("xml", "xml data file to export from");
        cmd.SetAction(async (parse, ct) =>
        {
            var formatName = parse.RequiredText(format);
            var xmlFile = parse.OptionalText(xml);
            Exclusive(parse.GetValue(domain) is not null, xmlFile is not null, "domain", "xml");
            string data;
            if (parse.GetValue(domain) is not null)
            {
                var dom = await ctx.DomainAsync("domxml-to-native", "domain", parse.OptionalText(domain)!, ct);
                data = await dom.GetXmlDescAsync(DomainXmlFlags.None, ct);
            }
            else if (xmlFile is not null)
            {
                data = DomainDocument.ToXml(ReadFile(xmlFile), "failed to retrieve XML");
            }
            else
            {
                throw new CommandFailure("need either domain or domain XML");
            }
            ctx.Print(await ctx.Connection.Driver.DomainXmlToNativeAsync(formatName, data, ct));
        });
        return cmd;
    }

    private static VirshCommand DumpXml(CommandContext ctx)
    {
        var cmd = new VirshCommand("dumpxml", "domain information in XML", VirshGroup.Domain,
            "Output the domain information as an XML dump to stdout.");
        var domain = cmd.Domain();
        var inactive = cmd.Flag("inactive", "show inactive defined XML");
        var security = cmd.Flag("security-info", "include security sensitive information in XML dump");
        var updateCpu = cmd.Flag("update-cpu", "update guest CPU according to host CPU");
        var migratable = cmd.Flag("migratable", "provide XML suitable for migrations");
        var xpath = cmd.Text("xpath", "xpath expression to filter the XML document", positional: false);
        var wrap = cmd.Flag("wrap", "wrap xpath results in an common root element");
        var yaml = cmd.Flag("yaml", "print the domain in Virt's YAML form instead of XML");
        cmd.SetAction(async (parse, ct) =>
        {
            var flags = DomainXmlFlags.None;
            if (parse.GetValue(inactive)) flags |= DomainXmlFlags.Inactive;
            if (parse.GetValue(security)) flags |= DomainXmlFlags.Secure;
            if (parse.GetValue(updateCpu)) flags |= DomainXmlFlags.UpdateCpu;
            if (parse.GetValue(migratable)) flags |= DomainXmlFlags.Migratable;
            var expression = parse.OptionalText(xpath);
            Exclusive(parse.GetValue(yaml), expression is not null, "yaml", "xpath");
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var xml = await dom.GetXmlDescAsync(flags, ct);
            if (parse.GetValue(yaml)) ctx.Print(DomainDocument.ToYaml(xml));
            else ctx.Print(expression is null ? xml : DomainXml.Select(xml, expression, parse.GetValue(wrap), ctx));
        });
        return cmd;
    }

    private static VirshCommand Edit(CommandContext ctx)
    {
        var cmd = new VirshCommand("edit", "edit XML configuration for a domain", VirshGroup.Domain,
            "Edit the XML configuration for a domain.");
        var domain = cmd.Domain();
        var skipValidate = cmd.Flag("skip-validate", "skip validation of the XML against the schema");
        var yaml = cmd.Flag("yaml", "edit the domain in Virt's YAML form instead of XML");
        cmd.SetAction(async (parse, ct) =>
        {
            var dom = await ctx.DomainAsync(parse, domain, ct);
            var flags = parse.GetValue(skipValidate) ? DomainDefineFlags.None : DomainDefineFlags.Validate;
            var edited = await new DomainEditor(ctx, dom, flags, parse.GetValue(yaml)).RunAsync(ct);
            return edited ? 0 : 1;
        });
        return cmd;
    }
}
