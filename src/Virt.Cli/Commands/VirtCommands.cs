using System.CommandLine;
using Virt.Cli.Shell;

namespace Virt.Cli.Commands;

/// <summary>Commands virsh does not have: shell completion.</summary>
public static class VirtCommands
{
    public static IEnumerable<CommandFactory> Factories => [new("completion", Completion)];

    private static VirshCommand Completion(CommandContext ctx)
    {
        var cmd = new VirshCommand("completion", "print a shell completion script", VirshGroup.Virt,
            "Print the completion script for SHELL (bash): commands, options and domain names.\n" +
            "    Load it with: source <(virt completion bash)") { NoConnect = true };
        var shell = cmd.Data("shell", "the shell to complete for (bash)");
        cmd.SetAction(parse =>
        {
            var name = parse.RequiredText(shell);
            if (name != "bash") throw new CommandFailure($"unsupported shell '{name}': only bash is supported");
            ctx.Print(Completer.BashScript + "\n");
        });
        return cmd;
    }
}
