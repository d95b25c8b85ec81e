using System.CommandLine;
using System.Text;
using Virt.Cli.Shell;
using static Virt.Cli.Commands.CommandArguments;

namespace Virt.Cli.Commands;

/// <summary>virsh's "Virsh itself" group (virsh.c, vsh.c): help, the shell's own commands, connect.</summary>
public static class VirshCommands
{
    /// <summary>In virsh's help order.</summary>
    public static IEnumerable<CommandFactory> Factories =>
    [
        new("cd", Cd), new("echo", Echo), new("exit", ctx => Quit(ctx, "exit")), new("help", Help), new("pwd", Pwd),
        new("quit", ctx => Quit(ctx, "quit")), new("connect", Connect),
    ];

    private static VirshCommand Help(CommandContext ctx)
    {
        var cmd = new VirshCommand("help", "print help", VirshGroup.Virsh,
            "Prints global help, command specific help, or help for a\n    group of related commands")
        {
            NoConnect = true,
            Lenient = true,
        };
        var command = cmd.Text("command", "Prints global help, command specific help, or help for a group of related commands");
        cmd.SetAction(parse =>
        {
            var name = parse.GetValue(command);
            if (string.IsNullOrEmpty(name))
            {
                ctx.Print(HelpPrinter.Groups(ctx.Catalog.All));
                return 0;
            }
            if (ctx.Catalog.Find(name) is { } found)
            {
                ctx.Out.Write(HelpPrinter.Command(found));
                return 0;
            }
            if (VirshGroup.All.FirstOrDefault(g => g.Name == name || g.Keyword == name) is { } group)
            {
                ctx.Print(HelpPrinter.Group(ctx.Catalog.All, group));
                return 0;
            }
            throw new CommandFailure($"command or command group '{name}' doesn't exist");
        });
        return cmd;
    }

    private static VirshCommand Quit(CommandContext ctx, string name)
    {
        var cmd = new VirshCommand(name, "quit this interactive terminal", VirshGroup.Virsh) { NoConnect = true };
        cmd.SetAction(_ => ctx.QuitRequested = true);
        return cmd;
    }

    private static VirshCommand Connect(CommandContext ctx)
    {
        var cmd = new VirshCommand("connect", "(re)connect to hypervisor", VirshGroup.Virsh,
            "Connect to local hypervisor. This is built-in command after shell start up.") { NoConnect = true };
        var name = cmd.Text("name", "hypervisor connection URI");
        var readOnly = cmd.Flag("readonly", "read-only connection");
        cmd.SetAction(async (parse, ct) =>
            await ctx.ReconnectAsync(parse.GetValue(name) is { Length: > 0 } uri ? uri : null, parse.GetValue(readOnly), ct) ? 0 : 1);
        return cmd;
    }

    private static VirshCommand Cd(CommandContext ctx)
    {
        var cmd = new VirshCommand("cd", "change the current directory", VirshGroup.Virsh, "Change the current directory.")
        {
            NoConnect = true,
        };
        var dir = cmd.Text("dir", "directory to switch to (default: home or else root)");
        cmd.SetAction(parse =>
        {
            if (!ctx.Interactive) throw new CommandFailure("cd: command valid only in interactive mode");
            var target = parse.GetValue(dir);
            if (string.IsNullOrEmpty(target)) target = string.IsNullOrEmpty(ctx.Environment.HomeDirectory) ? "/" : ctx.Environment.HomeDirectory;
            try
            {
                Directory.SetCurrentDirectory(target);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var reason = ex is UnauthorizedAccessException ? "Permission denied"
                    : Directory.Exists(target) || File.Exists(target) ? "Not a directory" : "No such file or directory";
                throw new CommandFailure($"cd: {reason}: {target}");
            }
        });
        return cmd;
    }

    private static VirshCommand Pwd(CommandContext ctx)
    {
        var cmd = new VirshCommand("pwd", "print the current directory", VirshGroup.Virsh, "Print the current directory.")
        {
            NoConnect = true,
        };
        cmd.SetAction(_ => ctx.Print(Directory.GetCurrentDirectory() + "\n"));
        return cmd;
    }

    private static VirshCommand Echo(CommandContext ctx)
    {
        var cmd = new VirshCommand("echo", "echo arguments. Used for internal testing.", VirshGroup.Virsh,
            "Echo back arguments, possibly with quoting. Used for internal testing.") { NoConnect = true };
        var shell = cmd.Flag("shell", "escape for shell use");
        var xml = cmd.Flag("xml", "escape for XML use");
        var split = cmd.Flag("split", "split each argument on ','; ',,' is an escape sequence");
        var err = cmd.Flag("err", "output to stderr");
        var words = cmd.Argv("string", "arguments to echo");
        cmd.SetAction(parse =>
        {
            bool optShell = parse.GetValue(shell), optXml = parse.GetValue(xml), optSplit = parse.GetValue(split);
            Exclusive(optShell, optXml, "shell", "xml");
            Exclusive(optShell, optSplit, "shell", "split");
            Exclusive(optXml, optSplit, "xml", "split");
            var sb = new StringBuilder();
            foreach (var word in parse.GetValue(words) ?? [])
            {
                var text = optXml ? EscapeXml(word) : word;
                if (optShell) text = EscapeShell(text);
                if (optSplit)
                    foreach (var piece in SplitCommas(text)) sb.Append(piece).Append('\n');
                else sb.Append(text);
                sb.Append(' ');
            }
            var output = sb.ToString().TrimEnd(' ');
            if (output.Length == 0) return;
            if (parse.GetValue(err)) ctx.PrintError(output);
            else ctx.Print(output);
        });
        return cmd;
    }

    /// <summary>libvirt's <c>virBufferEscapeShell</c>: quoted only when it holds a shell metacharacter.</summary>
    private static string EscapeShell(string s)
    {
        if (s.Length == 0) return "''";
        if (s.IndexOfAny("\r\t\n !\"#$&'()*;<>?[\\]^`{|}~".ToCharArray()) < 0) return s;
        return "'" + s.Replace("'", "'\\''") + "'";
    }

    private static string EscapeXml(string s) =>
        s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&apos;");

    /// <summary>virsh's <c>vshStringToArray</c>: split at ',', with ',,' standing for a comma.</summary>
    private static IEnumerable<string> SplitCommas(string s)
    {
        var current = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != ',')
            {
                current.Append(s[i]);
                continue;
            }
            if (i + 1 < s.Length && s[i + 1] == ',')
            {
                current.Append(',');
                i++;
                continue;
            }
            yield return current.ToString();
            current.Clear();
        }
        yield return current.ToString();
    }
}
