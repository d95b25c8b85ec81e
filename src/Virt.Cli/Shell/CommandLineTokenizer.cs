using System.Text;

namespace Virt.Cli.Shell;

/// <summary>One token of a command line: a word, or the end of one command (<c>;</c>, newline, comment).</summary>
public readonly record struct CommandToken(bool IsEnd, string Text)
{
    public static readonly CommandToken End = new(true, "");
}

/// <summary>
/// Splits what follows the global options into tokens, as virsh does: several arguments are taken
/// word for word (no <c>;</c> splitting); a single argument is a command string with virsh's
/// quoting — single and double quotes, backslash escapes, <c>;</c> and newlines between
/// commands, <c>#</c> comments.
/// </summary>
public static class CommandLineTokenizer
{
    public static IReadOnlyList<CommandToken> FromArguments(IReadOnlyList<string> args) =>
        args.Select(a => new CommandToken(false, a)).ToList();

    /// <summary>virsh's <c>vshCommandStringGetArg</c>; throws <see cref="CommandSyntaxException"/> on a bad string.</summary>
    public static IReadOnlyList<CommandToken> FromString(string text)
    {
        var tokens = new List<CommandToken>();
        var p = 0;
        while (true)
        {
            while (p < text.Length && (text[p] is ' ' or '\t' || (text[p] == '\\' && p + 1 < text.Length && text[p + 1] == '\n')))
                p += text[p] == '\\' ? 2 : 1;
            if (p >= text.Length) return tokens;
            if (text[p] is ';' or '\n')
            {
                p++;
                tokens.Add(CommandToken.End);
                continue;
            }
            if (text[p] == '#')
            {
                while (p < text.Length && text[p] != '\n') p++;
                if (p < text.Length) p++;
                tokens.Add(CommandToken.End);
                continue;
            }

            var word = new StringBuilder();
            bool single = false, dbl = false;
            while (p < text.Length)
            {
                var c = text[p];
                if (!dbl && !single && c is ' ' or '\t' or ';' or '\n') break;
                if (!dbl && c == '\'')
                {
                    single = !single;
                    p++;
                    continue;
                }
                if (!single && c == '\\')
                {
                    p++;
                    if (p >= text.Length) throw new CommandSyntaxException("dangling \\");
                    if (text[p] == '\n')
                    {
                        p++;
                        continue;
                    }
                }
                else if (!single && c == '"')
                {
                    dbl = !dbl;
                    p++;
                    continue;
                }
                word.Append(text[p++]);
            }
            if (dbl) throw new CommandSyntaxException("missing \"");
            tokens.Add(new CommandToken(false, word.ToString()));
        }
    }
}

/// <summary>A command line virsh would refuse before running anything; the message is virsh's.</summary>
public sealed class CommandSyntaxException(string message) : Exception(message);
