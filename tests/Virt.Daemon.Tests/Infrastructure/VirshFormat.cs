using System.Text;

namespace Virt.Daemon.Tests.Infrastructure;

/// <summary>The exact text virsh prints (SPEC §f), built independently of virsh to compare with.</summary>
public static class VirshFormat
{
    /// <summary>
    /// <c>virsh list</c>: each cell is a space plus its text, every column but the last padded to its
    /// widest entry plus 2; a dash line of sum(width + 3); then virsh's trailing empty line.
    /// </summary>
    public static string List(params (string Id, string Name, string State)[] rows)
    {
        string[][] table = [["Id", "Name", "State"], .. rows.Select(r => new[] { r.Id, r.Name, r.State })];
        var widths = Enumerable.Range(0, 3).Select(c => table.Max(row => row[c].Length)).ToArray();
        var sb = new StringBuilder();
        for (var i = 0; i < table.Length; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                sb.Append(' ').Append(table[i][c]);
                if (c < 2) sb.Append(' ', widths[c] - table[i][c].Length + 2);
            }
            sb.Append('\n');
            if (i == 0) sb.Append('-', widths.Sum(w => w + 3)).Append('\n');
        }
        return sb.Append('\n').ToString();
    }

    /// <summary><c>virsh dominfo</c>-style lines: label left-justified in <paramref name="width"/> columns, a space, the value.</summary>
    public static string Fields(int width, params (string Label, string Value)[] lines)
    {
        var sb = new StringBuilder();
        foreach (var (label, value) in lines) sb.Append(label.PadRight(width)).Append(' ').Append(value).Append('\n');
        return sb.Append('\n').ToString();
    }

    /// <summary>One line of output plus virsh's empty line.</summary>
    public static string Line(string text) => text + "\n\n";
}
