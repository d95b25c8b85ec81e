using System.Text;

namespace Virt.Cli.Shell;

/// <summary>
/// virsh's <c>vshTable</c>: each cell is a space and its text, every cell but the last padded to
/// its column's widest entry plus two; a line of dashes under the header. In quiet mode the header
/// and dashes are left out and do not count towards the widths.
/// </summary>
public sealed class VirshTable(params string[] header)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] row)
    {
        if (row.Length != header.Length) throw new ArgumentException("row width differs from the header", nameof(row));
        _rows.Add(row);
    }

    /// <summary>
    /// The table as text; <paramref name="decorate"/> may wrap a data cell (row, column, text) in
    /// terminal colours, which take no room: padding is worked out on the plain text.
    /// </summary>
    public string Format(bool withHeader, Func<int, int, string, string>? decorate = null)
    {
        var lines = withHeader ? _rows.Prepend(header).ToList() : _rows;
        var widths = new int[header.Length];
        foreach (var line in lines)
            for (var c = 0; c < line.Length; c++)
                widths[c] = Math.Max(widths[c], line[c].Length);

        var sb = new StringBuilder();
        for (var r = 0; r < lines.Count; r++)
        {
            var dataRow = withHeader ? r - 1 : r;
            AppendRow(sb, lines[r], widths, dataRow >= 0 ? decorate is null ? null : (c, t) => decorate(dataRow, c, t) : null);
            if (withHeader && r == 0) sb.Append('-', widths.Sum(w => w + 3)).Append('\n');
        }
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, string[] row, int[] widths, Func<int, string, string>? decorate)
    {
        for (var c = 0; c < row.Length; c++)
        {
            sb.Append(' ').Append(decorate is null ? row[c] : decorate(c, row[c]));
            if (c < row.Length - 1) sb.Append(' ', widths[c] - row[c].Length + 2);
        }
        sb.Append('\n');
    }
}
