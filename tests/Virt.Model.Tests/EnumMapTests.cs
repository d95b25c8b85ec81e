using System.Reflection;
using Virt.Model.Domains;
using Virt.Model.Xml;

namespace Virt.Model.Tests;

/// <summary>Every enum of the model has exactly one XmlEnumMap, and every value round-trips through it.</summary>
public class EnumMapTests
{
    private static readonly Assembly Model = typeof(DomainDefinition).Assembly;

    /// <summary>All public static XmlEnumMap fields of the model assembly.</summary>
    private static List<(string Owner, IXmlEnumMap Map)> AllMaps() =>
        Model.GetExportedTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(XmlEnumMap<>))
                .Select(f => (t.FullName + "." + f.Name, (IXmlEnumMap)f.GetValue(null)!)))
            .ToList();

    public static TheoryData<string> MapOwners()
    {
        var data = new TheoryData<string>();
        foreach (var (owner, _) in AllMaps()) data.Add(owner);
        return data;
    }

    [Fact]
    public void Every_public_enum_of_the_model_has_exactly_one_map()
    {
        var maps = AllMaps();
        var enums = Model.GetExportedTypes().Where(t => t.IsEnum && t.Namespace!.StartsWith("Virt.Model", StringComparison.Ordinal)).ToList();
        // ModelErrorKind is the error taxonomy, not an XML value.
        enums.Remove(typeof(ModelErrorKind));
        foreach (var e in enums)
        {
            var owners = maps.Where(m => m.Map.EnumType == e).Select(m => m.Owner).ToList();
            Assert.True(owners.Count == 1, $"{e.Name} has {owners.Count} maps: {string.Join(", ", owners)}");
        }
        Assert.True(maps.Count >= 70, $"only {maps.Count} maps found");
    }

    [Theory]
    [MemberData(nameof(MapOwners))]
    public void Every_value_round_trips_and_names_are_unique(string owner)
    {
        var map = AllMaps().Single(m => m.Owner == owner).Map;
        var roundTrip = typeof(EnumMapTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(map.EnumType);
        roundTrip.Invoke(null, [map]);
    }

    private static void RoundTrip<T>(XmlEnumMap<T> map) where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        Assert.Equal(values.Length, map.Values.Count());
        foreach (var value in values)
        {
            var xml = map.ToXml(value);
            Assert.False(string.IsNullOrWhiteSpace(xml));
            Assert.True(map.TryParse(xml, out var back));
            Assert.Equal(value, back);
            Assert.Equal(value, map.Parse(xml));
            Assert.True(map.IsName(xml));
        }
        Assert.Equal(values.Length, map.Names.Distinct(StringComparer.Ordinal).Count());
        Assert.Null(map.Parse("no-such-value"));
        Assert.Null(map.Parse(null));
        Assert.False(map.TryParse(null, out _));
        // Names are case-sensitive, as libvirt's are.
        var upper = map.Names.First().ToUpperInvariant();
        if (upper != map.Names.First()) Assert.Null(map.Parse(upper));
    }

    [Fact]
    public void Enum_rules_cover_the_maps_they_use_and_paths_are_unique()
    {
        var rules = DomainEnumRules.All.ToList();
        Assert.True(rules.Count > 60);
        Assert.Equal(rules.Count, rules.Select(r => r.Path + "@" + r.Rule.Attribute).Distinct().Count());
    }
}
