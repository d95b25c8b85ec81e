using System.Globalization;
using System.Text.RegularExpressions;

namespace Virt.Rpc.Tests.Captures;

/// <summary>One line of a <c>captures/*.hex</c> file: <c>DIR conn PROGRAM PROC(n) TYPE/STATUS: hexbytes</c>.</summary>
public sealed record CapturedMessage(
    string File,
    int Line,
    string Direction,
    string Connection,
    string ProgramName,
    string ProcedureName,
    int ProcedureNumber,
    string TypeName,
    string StatusName,
    byte[] Bytes,
    string Decoded)
{
    public override string ToString() => $"{File}:{Line} {Direction} {ProcedureName}({ProcedureNumber}) {TypeName}/{StatusName}";
}

/// <summary>Finds and parses the libvirtd captures (SPEC §h) next to the repository.</summary>
public static partial class CaptureFiles
{
    private static readonly Lazy<string> LazyDirectory = new(Locate);

    /// <summary>
    /// <c>&lt;repo&gt;/../shared/libvirt-protocol/captures</c>, where &lt;repo&gt; is the first directory above
    /// the test binaries that holds Virt.sln.
    /// </summary>
    public static string Directory => LazyDirectory.Value;

    public static IEnumerable<string> HexFileNames() =>
        System.IO.Directory.GetFiles(Directory, "*.hex").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static IReadOnlyList<CapturedMessage> Load(string hexFileName)
    {
        var hexPath = Path.Combine(Directory, hexFileName);
        var txtPath = Path.ChangeExtension(hexPath, ".txt");
        var hexLines = File.ReadAllLines(hexPath).Where(l => l.Length > 0).ToArray();
        var txtLines = File.Exists(txtPath)
            ? File.ReadAllLines(txtPath).Where(l => DecodedLine().IsMatch(l)).ToArray()
            : [];
        if (txtLines.Length != hexLines.Length)
            throw new InvalidDataException($"{hexFileName}: {hexLines.Length} hex lines but {txtLines.Length} decoded lines in the .txt");

        var messages = new List<CapturedMessage>(hexLines.Length);
        for (var i = 0; i < hexLines.Length; i++)
        {
            var match = HexLine().Match(hexLines[i]);
            if (!match.Success)
                throw new InvalidDataException($"{hexFileName}:{i + 1}: unrecognised line: {hexLines[i][..Math.Min(80, hexLines[i].Length)]}");
            messages.Add(new CapturedMessage(
                hexFileName,
                i + 1,
                match.Groups["dir"].Value,
                match.Groups["conn"].Value,
                match.Groups["prog"].Value,
                match.Groups["proc"].Value,
                int.Parse(match.Groups["num"].Value, CultureInfo.InvariantCulture),
                match.Groups["type"].Value,
                match.Groups["status"].Value,
                Convert.FromHexString(match.Groups["hex"].Value),
                txtLines[i]));
        }
        return messages;
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Virt.sln"))) continue;
            var captures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "libvirt-protocol", "captures"));
            if (!System.IO.Directory.Exists(captures))
                throw new DirectoryNotFoundException(
                    $"The libvirtd captures are missing: expected {captures} (the repository is {dir.FullName}).");
            return captures;
        }
        throw new DirectoryNotFoundException($"No directory holding Virt.sln above {AppContext.BaseDirectory}; cannot find the captures.");
    }

    [GeneratedRegex(@"^(?<dir>C>S|S>C) (?<conn>c\d+) (?<prog>[A-Z]+) (?<proc>[A-Z_]+)\((?<num>\d+)\) (?<type>[A-Z_]+)/(?<status>[A-Z]+): (?<hex>[0-9a-f]+)$")]
    private static partial Regex HexLine();

    [GeneratedRegex(@"^\s+\d+\.\d+ c\d+")]
    private static partial Regex DecodedLine();
}
