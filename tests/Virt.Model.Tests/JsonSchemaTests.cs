using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Virt.Model.Domains;
using Virt.Model.Xml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Virt.Model.Tests;

/// <summary>schemas/domain.yaml.schema.json describes the YAML form of every example, and offers exactly the model's enum values.</summary>
public class JsonSchemaTests
{
    private static readonly JsonObject Schema = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.SchemasDir, "domain.yaml.schema.json")))!;

    public static TheoryData<string> Examples() => Repo.Examples();

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_yaml_of_each_example_validates(string name)
    {
        var yaml = DomainDefinition.Parse(Repo.Example(name)).ToYaml();
        var errors = new MiniJsonSchema(Schema).Validate(YamlToJson.Convert(yaml));
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + yaml);
    }

    [Theory]
    [InlineData("domain:\n  type: kvm\n  name: x\n  nmae: typo\n", "$.domain: unknown key 'nmae'")]
    [InlineData("domain:\n  type: kvm\n  name: x\n  devices:\n    dsik: {}\n", "$.domain.devices: unknown key 'dsik'")]
    [InlineData("domain:\n  type: kvm\n  name: x\n  vcpu: {placement: sometimes, _text: 2}\n", "$.domain.vcpu: matches none of anyOf")]
    [InlineData("domain:\n  type: kvm\n  name: x\n  devices:\n    disk: {type: file, target: {dev: vda, bus: firewire}}\n", "$.domain.devices.disk: matches none of anyOf")]
    [InlineData("domain:\n  name: x\n", "$.domain: missing required 'type'")]
    [InlineData("domain:\n  type: kvm\n  name: x\n  on_poweroff: coredump-destroy\n", "$.domain.on_poweroff: 'coredump-destroy' is not one of")]
    public void Mistakes_are_reported(string yaml, string expected)
    {
        var errors = new MiniJsonSchema(Schema).Validate(YamlToJson.Convert(yaml));
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Enum_definitions_equal_the_model_maps()
    {
        var defs = Schema["$defs"]!.AsObject();
        var maps = typeof(DomainDefinition).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(XmlEnumMap<>))
            .Select(f => (IXmlEnumMap)f.GetValue(null)!).Where(m => m.EnumType.Namespace == "Virt.Model.Domains").ToList();
        var checkedCount = 0;
        foreach (var map in maps)
        {
            if (defs["enum." + map.EnumType.Name] is not JsonObject def) continue;
            Assert.Equal(map.Names, def["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
            checkedCount++;
        }
        Assert.Equal(maps.Count, checkedCount);
    }
}

/// <summary>The YAML → JSON reading an editor does (YAML 1.2 core schema for plain scalars).</summary>
public static class YamlToJson
{
    public static JsonNode? Convert(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        parser.Consume<DocumentStart>();
        var node = Read(parser);
        parser.Consume<DocumentEnd>();
        return node;
    }

    private static JsonNode? Read(IParser parser)
    {
        switch (parser.Current)
        {
            case Scalar s:
                parser.MoveNext();
                return s.Style == ScalarStyle.Plain ? Plain(s.Value) : JsonValue.Create(s.Value);
            case SequenceStart:
            {
                parser.MoveNext();
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _)) array.Add(Read(parser));
                return array;
            }
            case MappingStart:
            {
                parser.MoveNext();
                var obj = new JsonObject();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = parser.Consume<Scalar>().Value;
                    obj[key] = Read(parser);
                }
                return obj;
            }
            default:
                throw new InvalidOperationException($"unexpected {parser.Current}");
        }
    }

    private static JsonNode? Plain(string v)
    {
        if (v is "" or "~" or "null" or "Null" or "NULL") return null;
        if (v is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (v is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (Regex.IsMatch(v, "^[-+]?[0-9]+$", RegexOptions.None, TimeSpan.FromSeconds(1)) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (Regex.IsMatch(v, @"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.None, TimeSpan.FromSeconds(1))) return JsonValue.Create(double.Parse(v, CultureInfo.InvariantCulture));
        return JsonValue.Create(v);
    }
}

/// <summary>
/// The subset of JSON Schema 2020-12 the schema uses: $ref (local), type, enum, const, properties,
/// patternProperties, additionalProperties, required, items, minItems, anyOf, pattern, minimum,
/// maxProperties. Any other keyword fails the test, so the schema cannot drift outside the subset.
/// </summary>
public sealed class MiniJsonSchema(JsonObject root)
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "$defs", "title", "description"];

    public List<string> Validate(JsonNode? instance)
    {
        var errors = new List<string>();
        Check(root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonNode schemaNode, JsonNode? value, string path, List<string> errors)
    {
        var schema = schemaNode.AsObject();
        foreach (var (keyword, arg) in schema)
        {
            switch (keyword)
            {
                case var k when Annotations.Contains(k):
                    break;
                case "$ref":
                    var name = arg!.GetValue<string>();
                    Assert.StartsWith("#/$defs/", name);
                    Check(root["$defs"]![name["#/$defs/".Length..]]!, value, path, errors);
                    break;
                case "type":
                    var types = arg is JsonArray a ? a.Select(t => t!.GetValue<string>()).ToList() : [arg!.GetValue<string>()];
                    if (!types.Any(t => IsType(value, t))) errors.Add($"{path}: expected {string.Join("|", types)}");
                    break;
                case "enum":
                    if (!arg!.AsArray().Any(x => JsonNode.DeepEquals(x, value)))
                        errors.Add($"{path}: '{value}' is not one of {arg.ToJsonString()}");
                    break;
                case "const":
                    if (!JsonNode.DeepEquals(arg, value)) errors.Add($"{path}: expected {arg?.ToJsonString()}");
                    break;
                case "pattern":
                    if (value is JsonValue v && v.TryGetValue<string>(out var str)
                        && !Regex.IsMatch(str, arg!.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)))
                        errors.Add($"{path}: '{str}' does not match {arg}");
                    break;
                case "minimum":
                    if (value is JsonValue n && (n.TryGetValue<long>(out var l) ? l : n.TryGetValue<double>(out var d) ? d : double.NaN) < arg!.GetValue<double>())
                        errors.Add($"{path}: below {arg}");
                    break;
                case "maxProperties":
                    if (value is JsonObject mp && mp.Count > arg!.GetValue<int>()) errors.Add($"{path}: more than {arg} keys");
                    break;
                case "minItems":
                    if (value is JsonArray mi && mi.Count < arg!.GetValue<int>()) errors.Add($"{path}: fewer than {arg} items");
                    break;
                case "required":
                    if (value is JsonObject ro)
                        foreach (var r in arg!.AsArray().Select(x => x!.GetValue<string>()).Where(r => !ro.ContainsKey(r)))
                            errors.Add($"{path}: missing required '{r}'");
                    break;
                case "items":
                    if (value is JsonArray items)
                        for (var i = 0; i < items.Count; i++) Check(arg!, items[i], $"{path}[{i}]", errors);
                    break;
                case "anyOf":
                    if (!arg!.AsArray().Any(alt => { var e = new List<string>(); Check(alt!, value, path, e); return e.Count == 0; }))
                        errors.Add($"{path}: matches none of anyOf");
                    break;
                case "properties" or "patternProperties" or "additionalProperties":
                    break; // handled together below
                default:
                    throw new InvalidOperationException($"schema keyword '{keyword}' at {path} is outside the supported subset");
            }
        }
        if (value is not JsonObject obj) return;
        var props = schema["properties"]?.AsObject();
        var patterns = schema["patternProperties"]?.AsObject();
        var additional = schema["additionalProperties"];
        foreach (var (key, child) in obj)
        {
            var matched = false;
            if (props is not null && props.TryGetPropertyValue(key, out var ps))
            {
                Check(ps!, child, $"{path}.{key}", errors);
                matched = true;
            }
            foreach (var (pattern, pschema) in patterns ?? [])
            {
                if (!Regex.IsMatch(key, pattern, RegexOptions.None, TimeSpan.FromSeconds(1))) continue;
                Check(pschema!, child, $"{path}.{key}", errors);
                matched = true;
            }
            if (matched || additional is null) continue;
            if (additional is JsonValue b && b.GetValue<bool>() == false) errors.Add($"{path}: unknown key '{key}'");
            else if (additional is JsonObject) Check(additional, child, $"{path}.{key}", errors);
        }
    }

    private static bool IsType(JsonNode? v, string type) => type switch
    {
        "null" => v is null,
        "object" => v is JsonObject,
        "array" => v is JsonArray,
        "string" => v is JsonValue s && s.TryGetValue<string>(out _),
        "boolean" => v is JsonValue b && b.TryGetValue<bool>(out _),
        "integer" => v is JsonValue i && (i.TryGetValue<long>(out _) || (i.TryGetValue<double>(out var d) && Math.Floor(d) == d)),
        "number" => v is JsonValue n && (n.TryGetValue<long>(out _) || n.TryGetValue<double>(out _)),
        _ => throw new InvalidOperationException($"unknown type {type}"),
    };
}
