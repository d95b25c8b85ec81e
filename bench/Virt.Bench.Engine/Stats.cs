using System.Globalization;

namespace Virt.Bench.Engine;

/// <summary>min/median/max of a set of samples, in the unit they were recorded in.</summary>
public sealed record Summary(double Min, double Median, double Max, int Count)
{
    public static Summary Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0) return new Summary(double.NaN, double.NaN, double.NaN, 0);
        var sorted = samples.OrderBy(x => x).ToArray();
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Summary(sorted[0], median, sorted[^1], sorted.Length);
    }
}

/// <summary>Named series of samples, kept in insertion order for the report.</summary>
public sealed class Samples
{
    private readonly Dictionary<string, List<double>> _series = new(StringComparer.Ordinal);

    public void Add(string name, double value)
    {
        if (!_series.TryGetValue(name, out var list)) _series[name] = list = [];
        list.Add(value);
    }

    public IReadOnlyList<double> Get(string name) => _series.TryGetValue(name, out var list) ? list : [];

    public Summary Summary(string name) => Engine.Summary.Of(Get(name).ToList());
}

public static class Fmt
{
    private static double Clean(double v) => Math.Abs(v) < 0.05 ? 0 : v; // no "-0.0"

    public static string Ms(double v) => double.IsNaN(v) ? "–" : Clean(v).ToString(v >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);
    public static string Us(double v) => double.IsNaN(v) ? "–" : Clean(v).ToString(v >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);
    public static string X(double v) => double.IsNaN(v) ? "–" : v.ToString("0.00", CultureInfo.InvariantCulture) + "×";
}
