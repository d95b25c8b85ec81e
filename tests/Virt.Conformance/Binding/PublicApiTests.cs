using System.Reflection;
using Virt.Libvirt;

namespace Virt.Conformance.Binding;

/// <summary>
/// Virt.Libvirt's public surface is tracked in src/Virt.Libvirt/PublicAPI.txt (one member per line):
/// a change to the surface is a change to that file, seen in review.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_matches_PublicAPI_txt()
    {
        var tracked = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "PublicAPI.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var actual = Describe(typeof(LibvirtDriver).Assembly);
        Assert.True(tracked.SequenceEqual(actual),
            "src/Virt.Libvirt/PublicAPI.txt is out of date; the surface is now:\n" + string.Join("\n", actual));
    }

    private static List<string> Describe(Assembly assembly)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            lines.Add($"{Kind(type)} {type.FullName}{Bases(type)}");
            foreach (var member in type.GetMembers(flags))
            {
                var text = member switch
                {
                    ConstructorInfo c => $"{type.FullName}.ctor({Params(c)})",
                    MethodInfo { IsSpecialName: true } => null,
                    MethodInfo m => $"{type.FullName}.{m.Name}({Params(m)}) -> {Name(m.ReturnType)}{(m.IsStatic ? " static" : "")}",
                    PropertyInfo p => $"{type.FullName}.{p.Name} : {Name(p.PropertyType)}{(p.GetMethod?.IsStatic == true ? " static" : "")}",
                    FieldInfo f => $"{type.FullName}.{f.Name} : {Name(f.FieldType)}{(f.IsLiteral ? " const" : f.IsStatic ? " static" : "")}",
                    EventInfo e => $"{type.FullName}.{e.Name} event {Name(e.EventHandlerType!)}",
                    _ => null,
                };
                if (text is not null) lines.Add(text);
            }
        }
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static string Kind(Type t) => t.IsInterface ? "interface" : t.IsEnum ? "enum" : t.IsValueType ? "struct" : t.IsAbstract && t.IsSealed ? "static class" : t.IsSealed ? "sealed class" : "class";

    private static string Bases(Type t)
    {
        var bases = new List<string>();
        if (t.BaseType is { } b && b != typeof(object) && b != typeof(ValueType)) bases.Add(Name(b));
        bases.AddRange(t.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? "" : " : " + string.Join(", ", bases);
    }

    private static string Params(MethodBase m) => string.Join(", ", m.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}"));

    private static string Name(Type t) => t.IsGenericType
        ? $"{t.Namespace}.{t.Name[..t.Name.IndexOf('`')]}<{string.Join(", ", t.GetGenericArguments().Select(Name))}>"
        : t.FullName ?? t.Name;
}
