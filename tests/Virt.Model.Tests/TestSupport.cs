using System.Diagnostics;
using System.Xml.Linq;

namespace Virt.Model.Tests;

/// <summary>Where the repository's example documents and schemas are, and how to run the tools the tests check against.</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    public static string ExamplesDir => Path.Combine(Root, "examples", "domains");
    public static string SchemasDir => Path.Combine(Root, "schemas");

    /// <summary>Every example domain document, by file name.</summary>
    public static IEnumerable<string> ExampleNames =>
        Directory.GetFiles(ExamplesDir, "*.xml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static string Example(string name) => File.ReadAllText(Path.Combine(ExamplesDir, name));

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var name in ExampleNames) data.Add(name);
        return data;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Virt.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (Virt.sln) above " + AppContext.BaseDirectory);
    }
}

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

public static class Tools
{
    public const string DomainRng = "/usr/share/libvirt/schemas/domain.rng";

    public static ProcessResult Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new ProcessResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Validates files against a libvirt RELAX NG schema in one xmllint run; returns the failures' output.</summary>
    public static string RelaxNgFailures(string schema, IReadOnlyList<string> files)
    {
        Assert.True(File.Exists(schema), $"{schema} is missing: install libvirt-clients (libvirt's schemas) and libxml2-utils (xmllint)");
        var r = Run("xmllint", ["--noout", "--relaxng", schema, .. files]);
        return r.ExitCode == 0 ? "" : r.Stderr;
    }

    /// <summary>Writes <paramref name="documents"/> to a fresh temp directory and returns their paths.</summary>
    public static List<string> WriteTemp(IEnumerable<(string Name, string Text)> documents)
    {
        var dir = Path.Combine(Path.GetTempPath(), "virt-model-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var paths = new List<string>();
        foreach (var (name, text) in documents)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllText(path, text);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>Structural equality that ignores formatting (quotes, indentation), not order or content.</summary>
    public static void AssertEquivalent(string expectedXml, string actualXml)
    {
        var expected = Normalize(XElement.Parse(expectedXml));
        var actual = Normalize(XElement.Parse(actualXml));
        Assert.Equal(expected.ToString(), actual.ToString());
    }

    private static XElement Normalize(XElement e)
    {
        foreach (var t in e.DescendantNodes().OfType<XText>().Where(t => string.IsNullOrWhiteSpace(t.Value)).ToList()) t.Remove();
        foreach (var x in e.DescendantsAndSelf().Where(x => x.FirstNode is null)) x.RemoveNodes();
        return e;
    }
}
