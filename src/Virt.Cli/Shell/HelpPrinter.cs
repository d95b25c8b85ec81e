using System.Text;

namespace Virt.Cli.Shell;

/// <summary>virsh's help texts (<c>vshCmddefHelp</c>, <c>vshCmdGrpHelp</c>, <c>cmdHelp</c>, <c>virshUsage</c>) over our commands.</summary>
public static class HelpPrinter
{
    /// <summary><c>help</c> with no argument: every group and its commands.</summary>
    public static string Groups(IReadOnlyList<VirshCommand> catalog)
    {
        var sb = new StringBuilder("Grouped commands:\n\n");
        foreach (var group in VirshGroup.All)
        {
            sb.Append(Group(catalog, group));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary><c>help KEYWORD</c>: one group.</summary>
    public static string Group(IReadOnlyList<VirshCommand> catalog, VirshGroup group)
    {
        var sb = new StringBuilder($" {group.Name} (help keyword '{group.Keyword}'):\n");
        foreach (var command in Visible(catalog, group))
            sb.Append($"    {command.Name,-30} {command.Description}\n");
        return sb.ToString();
    }

    /// <summary><c>help COMMAND</c>: NAME, SYNOPSIS, DESCRIPTION (when there is one) and OPTIONS (when there are some).</summary>
    public static string Command(VirshCommand command)
    {
        var sb = new StringBuilder();
        sb.Append("  NAME\n");
        sb.Append($"    {command.Name} - {command.Description}\n");
        sb.Append("\n  SYNOPSIS\n");
        sb.Append($"    {command.Name}");
        var shortopt = false;
        foreach (var opt in command.VirshOptions)
        {
            var text = opt.Kind switch
            {
                VirshOptionKind.Bool => $"[--{opt.Name}]",
                VirshOptionKind.Int => $"[--{opt.Name} <number>]",
                VirshOptionKind.String => $"[--{opt.Name} <string>]",
                VirshOptionKind.Data => $"<{opt.Name}>",
                _ => shortopt ? $"[[--{opt.Name}] <string>]..." : $"[<{opt.Name}>]...",
            };
            if (opt.Kind is VirshOptionKind.Int or VirshOptionKind.String or VirshOptionKind.Data && opt.Positional)
                shortopt = true;
            sb.Append(' ').Append(text);
        }
        sb.Append('\n');
        if (command.LongDescription.Length > 0)
            sb.Append("\n  DESCRIPTION\n").Append($"    {command.LongDescription}\n");
        if (command.VirshOptions.Count > 0)
        {
            sb.Append("\n  OPTIONS\n");
            foreach (var opt in command.VirshOptions)
            {
                var text = opt.Kind switch
                {
                    VirshOptionKind.Bool => $"--{opt.Name}",
                    VirshOptionKind.Int => $"--{opt.Name} <number>",
                    VirshOptionKind.String => $"--{opt.Name} <string>",
                    VirshOptionKind.Data => $"[--{opt.Name}] <string>",
                    _ => shortopt ? $"[--{opt.Name}] <string>" : $"<{opt.Name}>",
                };
                sb.Append($"    {text,-15}  {opt.Help}\n");
            }
        }
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary><c>virt -h</c>: virsh's usage text with our name, options and commands.</summary>
    public static string Usage(IReadOnlyList<VirshCommand> catalog)
    {
        var sb = new StringBuilder();
        sb.Append("""

            virt [options]... [<command_string>]
            virt [options]... <command> [args...]

              options:
                -c | --connect=URI      hypervisor connection URI
                -d | --debug=NUM        debug level [0-4]
                -e | --escape <char>    set escape sequence for console
                -h | --help             this help
                -k | --keepalive-interval=NUM
                                        keepalive interval in seconds, 0 for disable
                -K | --keepalive-count=NUM
                                        number of possible missed keepalive messages
                -l | --log=FILE         output logging to file
                -q | --quiet            quiet mode
                -r | --readonly         connect readonly
                -t | --timing           print timing information
                -v                      short version
                -V                      long version
                     --version[=TYPE]   version, TYPE is short or long (default short)
              commands (non interactive mode):


            """);
        foreach (var group in VirshGroup.All)
        {
            sb.Append($" {group.Name} (help keyword '{group.Keyword}')\n");
            foreach (var command in Visible(catalog, group))
                sb.Append($"    {command.Name,-30} {command.Description}\n");
            sb.Append('\n');
        }
        sb.Append("\n  (specify help <group> for details about the commands in the group)\n");
        sb.Append("\n  (specify help <command> for details about the command)\n\n");
        return sb.ToString();
    }

    private static IEnumerable<VirshCommand> Visible(IReadOnlyList<VirshCommand> catalog, VirshGroup group) =>
        catalog.Where(c => c.Group == group && !c.Hidden);
}
