using System.Text;
using System.Xml.Linq;
using Virt.Model.Xml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Virt.Model.Yaml;

/// <summary>
/// A generic, lossless mapping between an XML element tree and YAML (rules in schemas/README.md):
/// <list type="bullet">
/// <item>The document is a mapping with one key, the root element's name.</item>
/// <item>An element is a mapping: attributes as plain keys with scalar values, then child elements by
/// name. Several children of one name become a list. An element with no content is <c>{}</c>; one with
/// only text and no attributes is that text, a bare scalar.</item>
/// <item>A bare scalar under a key is an attribute, unless <see cref="YamlVocabulary"/> lists the key as a
/// text child of that element. A text-only child the vocabulary does not list is written <c>{_text: …}</c>;
/// when an attribute's name is one the vocabulary lists or a child element also uses, all attributes of
/// that element go under <c>_attr</c> (keeping their order).</item>
/// <item>Reserved keys start with one underscore: <c>_text</c> (text beside attributes or children),
/// <c>_comment</c>, <c>_attr</c>, <c>_order</c>. A real name starting with '_' gets one more '_'.</item>
/// <item>Sibling order is kept: children are grouped by name in order of first appearance, and when
/// that grouping would reorder them, <c>_order</c> lists the keys of all children in document order.</item>
/// <item>Prefixed names are written as in the document (<c>libosinfo:os</c>) and namespace declarations as
/// <c>xmlns</c>/<c>xmlns:p</c> attributes.</item>
/// </list>
/// Reading is bounded like <see cref="SafeXml"/>: size, depth, no aliases, no duplicate keys.
/// </summary>
public static class XmlYamlConverter
{
    public const string TextKey = "_text";
    public const string CommentKey = "_comment";
    public const string AttrKey = "_attr";
    public const string OrderKey = "_order";

    private const int FlowMaxKeys = 4;
    private const int FlowMaxChars = 72;

    // ---- XML → YAML ---------------------------------------------------------------------------

    public static string ToYaml(XElement root)
    {
        var table = YamlVocabulary.For(root.Name.LocalName);
        var sw = new StringWriter();
        var emitter = new Emitter(sw, new EmitterSettings(2, int.MaxValue, false, 1024, false, true));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
        EmitKey(emitter, root, root.Name);
        EmitElement(emitter, root, table);
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return sw.ToString();
    }

    private static void EmitElement(IEmitter emitter, XElement e, IReadOnlyDictionary<string, HashSet<string>> table)
    {
        if (!e.HasAttributes && !e.Nodes().Any())
        {
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Flow));
            emitter.Emit(new MappingEnd());
            return;
        }
        if (!e.HasAttributes && e.Nodes().All(n => n is XText))
        {
            EmitScalar(emitter, e.Value);
            return;
        }

        var parent = e.Name.LocalName;
        var childKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in e.Elements()) childKeys.Add(KeyOf(c, c.Name));

        // When one attribute cannot be a plain key, all go under _attr, so their order is kept.
        var plain = e.Attributes().ToList();
        var moved = new List<XAttribute>();
        if (plain.Any(a => AttributeKey(e, a) is var key && (childKeys.Contains(key) || YamlVocabulary.IsTextChild(table, parent, Unescape(key)))))
            (plain, moved) = (moved, plain);

        // Children by key, in order of first appearance, and the document order of their keys.
        var groups = new List<(string Key, List<XNode> Nodes)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var sequence = new List<string>();
        foreach (var n in e.Nodes())
        {
            var key = n switch
            {
                XElement c => KeyOf(c, c.Name),
                XComment => CommentKey,
                _ => TextKey,
            };
            sequence.Add(key);
            if (!index.TryGetValue(key, out var i))
            {
                index[key] = i = groups.Count;
                groups.Add((key, []));
            }
            groups[i].Nodes.Add(n);
        }
        var needOrder = !IsGrouped(sequence);

        var textOnly = groups.Count == 1 && groups[0].Key == TextKey && groups[0].Nodes.Count == 1 ? ((XText)groups[0].Nodes[0]).Value : null;
        var flow = moved.Count == 0 && (groups.Count == 0 || textOnly is not null) && plain.Count <= FlowMaxKeys
            && plain.Sum(a => a.Name.LocalName.Length + a.Value.Length + 4) + (textOnly?.Length + 8 ?? 0) <= FlowMaxChars
            && plain.All(a => IsFlowSafe(a.Value)) && (textOnly is null || IsFlowSafe(textOnly));
        emitter.Emit(new MappingStart(null, null, true, flow ? MappingStyle.Flow : MappingStyle.Block));
        foreach (var a in plain)
        {
            EmitScalar(emitter, AttributeKey(e, a));
            EmitScalar(emitter, a.Value);
        }
        if (moved.Count > 0)
        {
            EmitScalar(emitter, AttrKey);
            var flowAttrs = moved.Count <= FlowMaxKeys && moved.Sum(a => a.Name.LocalName.Length + a.Value.Length + 4) <= FlowMaxChars && moved.All(a => IsFlowSafe(a.Value));
            emitter.Emit(new MappingStart(null, null, true, flowAttrs ? MappingStyle.Flow : MappingStyle.Block));
            foreach (var a in moved)
            {
                EmitScalar(emitter, AttributeKey(e, a));
                EmitScalar(emitter, a.Value);
            }
            emitter.Emit(new MappingEnd());
        }
        foreach (var (key, nodes) in groups)
        {
            EmitScalar(emitter, key);
            if (nodes.Count > 1) emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
            foreach (var n in nodes)
            {
                switch (n)
                {
                    case XElement c:
                        var bare = nodes.Count > 1 || YamlVocabulary.IsTextChild(table, parent, c.Name.LocalName);
                        if (!bare && !c.HasAttributes && c.Nodes().Any() && c.Nodes().All(x => x is XText))
                        {
                            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Flow));
                            EmitScalar(emitter, TextKey);
                            EmitScalar(emitter, c.Value);
                            emitter.Emit(new MappingEnd());
                        }
                        else EmitElement(emitter, c, table);
                        break;
                    case XComment comment:
                        EmitScalar(emitter, comment.Value);
                        break;
                    case XText text:
                        EmitScalar(emitter, text.Value);
                        break;
                }
            }
            if (nodes.Count > 1) emitter.Emit(new SequenceEnd());
        }
        if (needOrder)
        {
            EmitScalar(emitter, OrderKey);
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
            foreach (var key in sequence) EmitScalar(emitter, key);
            emitter.Emit(new SequenceEnd());
        }
        emitter.Emit(new MappingEnd());
    }

    /// <summary>True when every key's occurrences are contiguous, so grouping keeps the order.</summary>
    private static bool IsGrouped(List<string> sequence)
    {
        var closed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Count; i++)
        {
            if (i > 0 && sequence[i] != sequence[i - 1])
            {
                closed.Add(sequence[i - 1]);
                if (closed.Contains(sequence[i])) return false;
            }
        }
        return true;
    }

    private static void EmitKey(IEmitter emitter, XElement scope, XName name) => EmitScalar(emitter, KeyOf(scope, name));

    private static string KeyOf(XElement scope, XName name)
    {
        var local = name.LocalName;
        if (name.Namespace != XNamespace.None)
        {
            var prefix = scope.GetPrefixOfNamespace(name.Namespace);
            if (!string.IsNullOrEmpty(prefix)) return prefix + ":" + local;
        }
        return Escape(local);
    }

    private static string AttributeKey(XElement scope, XAttribute a)
    {
        if (a.IsNamespaceDeclaration)
            return a.Name.Namespace == XNamespace.None ? "xmlns" : "xmlns:" + a.Name.LocalName;
        if (a.Name.Namespace == XNamespace.Xml) return "xml:" + a.Name.LocalName;
        return KeyOf(scope, a.Name);
    }

    private static string Escape(string name) => name.StartsWith('_') ? "_" + name : name;
    private static string Unescape(string key) => key.StartsWith("__", StringComparison.Ordinal) ? key[1..] : key;

    private static bool IsFlowSafe(string s) =>
        s.Length > 0 && s.IndexOfAny([',', '[', ']', '{', '}', '\n', '#', '"', '\'', '\\']) < 0 && !s.Contains(": ", StringComparison.Ordinal)
        && !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1]);

    private static void EmitScalar(IEmitter emitter, string value)
    {
        var style = ScalarStyle.Any;
        if (value.Contains('\n'))
            style = IsLiteralSafe(value) ? ScalarStyle.Literal : ScalarStyle.DoubleQuoted;
        else if (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || value.Any(char.IsControl)))
            style = ScalarStyle.DoubleQuoted;
        emitter.Emit(new Scalar(null, null, value, style, true, false));
    }

    private static bool IsLiteralSafe(string s) =>
        !s.Any(c => char.IsControl(c) && c != '\n') && s.Length > 0 && s[0] != ' ' && s[0] != '\n'
        && !s.Split('\n').Any(line => line.EndsWith(' ') || line.EndsWith('\t'));

    // ---- YAML → XML ---------------------------------------------------------------------------

    /// <summary>Reads the YAML form back into an XML document; errors carry the YAML line and column.</summary>
    public static XDocument FromYaml(string yaml, string documentName)
    {
        if (yaml.Length > SafeXml.MaxCharacters)
            throw new YamlSyntaxException(documentName, 1, 1, $"document is larger than {SafeXml.MaxCharacters} characters");
        Node top;
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
                throw new YamlSyntaxException(documentName, 1, 1, "empty document");
            top = ReadNode(parser, documentName, 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
                throw new YamlSyntaxException(documentName, (int)parser.Current!.Start.Line, (int)parser.Current.Start.Column, "more than one document");
        }
        catch (YamlException ex)
        {
            throw new YamlSyntaxException(documentName, (int)ex.Start.Line, (int)ex.Start.Column, FirstLine(ex.Message));
        }
        if (top is not MapNode { Entries.Count: 1 } doc)
            throw new YamlSyntaxException(documentName, top.Line, top.Column, "expected a mapping with exactly one key, the root element");
        var (rootKey, rootValue) = doc.Entries[0];
        var builder = new XmlBuilder(documentName, YamlVocabulary.For(LocalOf(rootKey.Value)));
        var root = builder.Build(rootKey, rootValue, new Scope(null), 1);
        return new XDocument(root);
    }

    private static string FirstLine(string s)
    {
        var i = s.IndexOf('\n');
        return i < 0 ? s : s[..i];
    }

    private static string LocalOf(string key)
    {
        var colon = key.IndexOf(':');
        return colon < 0 ? key : key[(colon + 1)..];
    }

    private abstract record Node(int Line, int Column);
    private sealed record ScalarNode(string Value, int Line, int Column) : Node(Line, Column);
    private sealed record MapNode(List<(ScalarNode Key, Node Value)> Entries, int Line, int Column) : Node(Line, Column);
    private sealed record SeqNode(List<Node> Items, int Line, int Column) : Node(Line, Column);

    private static Node ReadNode(IParser parser, string doc, int depth)
    {
        var ev = parser.Current!;
        var line = (int)ev.Start.Line;
        var column = (int)ev.Start.Column;
        if (depth > SafeXml.MaxDepth * 3)
            throw new YamlSyntaxException(doc, line, column, $"nested deeper than {SafeXml.MaxDepth} elements");
        switch (ev)
        {
            case AnchorAlias:
                throw new YamlSyntaxException(doc, line, column, "aliases (*name) are not allowed");
            case Scalar s:
                parser.MoveNext();
                return new ScalarNode(s.Value, line, column);
            case SequenceStart:
            {
                parser.MoveNext();
                var items = new List<Node>();
                while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode(parser, doc, depth + 1));
                return new SeqNode(items, line, column);
            }
            case MappingStart:
            {
                parser.MoveNext();
                var entries = new List<(ScalarNode, Node)>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (ReadNode(parser, doc, depth + 1) is not ScalarNode key)
                        throw new YamlSyntaxException(doc, line, column, "mapping keys must be plain names");
                    if (!seen.Add(key.Value))
                        throw new YamlSyntaxException(doc, key.Line, key.Column, $"duplicate key '{key.Value}'");
                    entries.Add((key, ReadNode(parser, doc, depth + 1)));
                }
                return new MapNode(entries, line, column);
            }
            default:
                throw new YamlSyntaxException(doc, line, column, $"unexpected {ev.GetType().Name}");
        }
    }

    private sealed class Scope(Scope? parent)
    {
        private Dictionary<string, XNamespace>? _prefixes;

        public void Declare(string prefix, XNamespace ns) => (_prefixes ??= new(StringComparer.Ordinal))[prefix] = ns;

        public XNamespace? Lookup(string prefix) =>
            _prefixes is not null && _prefixes.TryGetValue(prefix, out var ns) ? ns : parent?.Lookup(prefix);
    }

    private sealed class XmlBuilder(string doc, IReadOnlyDictionary<string, HashSet<string>> table)
    {
        public XElement Build(ScalarNode key, Node value, Scope parentScope, int depth)
        {
            if (depth > SafeXml.MaxDepth)
                throw new YamlSyntaxException(doc, key.Line, key.Column, $"elements nested deeper than {SafeXml.MaxDepth} levels");
            var scope = new Scope(parentScope);
            var localKey = RealName(key);
            if (value is MapNode declMap)
            {
                foreach (var (k, v) in declMap.Entries)
                {
                    if (k.Value == "xmlns" && v is ScalarNode d) scope.Declare("", d.Value);
                    else if (k.Value.StartsWith("xmlns:", StringComparison.Ordinal) && v is ScalarNode p) scope.Declare(k.Value[6..], p.Value);
                }
            }
            var element = new XElement(ElementName(key, localKey, scope));
            var parent = element.Name.LocalName;
            switch (value)
            {
                case ScalarNode s:
                    if (s.Value.Length > 0) element.Add(new XText(s.Value));
                    return element;
                case SeqNode seq:
                    throw new YamlSyntaxException(doc, seq.Line, seq.Column, $"<{localKey}> cannot be a list here; a list is a value of its parent's key");
            }

            var map = (MapNode)value;
            var queues = new Dictionary<string, Queue<XNode>>(StringComparer.Ordinal);
            var keyOrder = new List<string>();
            SeqNode? order = null;
            foreach (var (k, v) in map.Entries)
            {
                switch (k.Value)
                {
                    case TextKey:
                        Enqueue(TextKey, Scalars(k, v).Select(t => (XNode)new XText(t.Value)));
                        continue;
                    case CommentKey:
                        Enqueue(CommentKey, Scalars(k, v).Select(t => (XNode)new XComment(CheckComment(t))));
                        continue;
                    case AttrKey:
                        if (v is not MapNode attrs)
                            throw new YamlSyntaxException(doc, v.Line, v.Column, $"{AttrKey} must be a mapping of attribute names to values");
                        foreach (var (ak, av) in attrs.Entries) AddAttribute(element, ak, av, scope);
                        continue;
                    case OrderKey:
                        order = v as SeqNode ?? throw new YamlSyntaxException(doc, v.Line, v.Column, $"{OrderKey} must be a list of keys");
                        continue;
                }
                if (k.Value.StartsWith('_') && !k.Value.StartsWith("__", StringComparison.Ordinal))
                    throw new YamlSyntaxException(doc, k.Line, k.Column,
                        $"unknown reserved key '{k.Value}' (expected one of: {TextKey}, {CommentKey}, {AttrKey}, {OrderKey})");

                var name = RealName(k);
                switch (v)
                {
                    case ScalarNode sv when !YamlVocabulary.IsTextChild(table, parent, LocalOf(name)):
                        AddAttribute(element, k, sv, scope);
                        break;
                    case SeqNode items:
                        Enqueue(k.Value, items.Items.Select(item => (XNode)Build(k, item is SeqNode nested
                            ? throw new YamlSyntaxException(doc, nested.Line, nested.Column, "a list cannot hold a list")
                            : item, scope, depth + 1)));
                        break;
                    default:
                        Enqueue(k.Value, [Build(k, v, scope, depth + 1)]);
                        break;
                }
            }

            if (order is null)
            {
                foreach (var key2 in keyOrder)
                    foreach (var n in queues[key2]) element.Add(n);
                return element;
            }
            foreach (var item in order.Items)
            {
                if (item is not ScalarNode s || !queues.TryGetValue(s.Value, out var q) || q.Count == 0)
                    throw new YamlSyntaxException(doc, item.Line, item.Column,
                        $"{OrderKey} names '{(item as ScalarNode)?.Value}' more often than the element has such children");
                element.Add(q.Dequeue());
            }
            var left = queues.FirstOrDefault(kv => kv.Value.Count > 0);
            if (left.Key is not null)
                throw new YamlSyntaxException(doc, order.Line, order.Column, $"{OrderKey} leaves out {left.Value.Count} of the '{left.Key}' children");
            return element;

            void Enqueue(string k, IEnumerable<XNode> nodes)
            {
                if (!queues.TryGetValue(k, out var q))
                {
                    queues[k] = q = new Queue<XNode>();
                    keyOrder.Add(k);
                }
                foreach (var n in nodes) q.Enqueue(n);
            }
        }

        private IEnumerable<ScalarNode> Scalars(ScalarNode key, Node v) => v switch
        {
            ScalarNode s => [s],
            SeqNode seq when seq.Items.All(i => i is ScalarNode) => seq.Items.Cast<ScalarNode>(),
            _ => throw new YamlSyntaxException(doc, v.Line, v.Column, $"{key.Value} must be a string or a list of strings"),
        };

        private void AddAttribute(XElement element, ScalarNode key, Node value, Scope scope)
        {
            if (value is not ScalarNode s)
                throw new YamlSyntaxException(doc, value.Line, value.Column, $"attribute '{key.Value}' must have a scalar value");
            XName name;
            if (key.Value == "xmlns") name = "xmlns";
            else if (key.Value.StartsWith("xmlns:", StringComparison.Ordinal)) name = XNamespace.Xmlns + key.Value[6..];
            else if (key.Value.StartsWith("xml:", StringComparison.Ordinal)) name = XNamespace.Xml + key.Value[4..];
            else
            {
                var real = RealName(key);
                var colon = real.IndexOf(':');
                name = colon < 0 ? XName.Get(CheckName(key, real)) : Namespace(key, real[..colon], scope) + CheckName(key, real[(colon + 1)..]);
            }
            if (element.Attribute(name) is not null)
                throw new YamlSyntaxException(doc, key.Line, key.Column, $"attribute '{key.Value}' given twice");
            element.Add(new XAttribute(name, s.Value));
        }

        private XName ElementName(ScalarNode key, string name, Scope scope)
        {
            var colon = name.IndexOf(':');
            if (colon < 0) return (scope.Lookup("") ?? XNamespace.None) + CheckName(key, name);
            return Namespace(key, name[..colon], scope) + CheckName(key, name[(colon + 1)..]);
        }

        private XNamespace Namespace(ScalarNode key, string prefix, Scope scope) =>
            scope.Lookup(prefix) ?? throw new YamlSyntaxException(doc, key.Line, key.Column, $"prefix '{prefix}' of '{key.Value}' is not declared (xmlns:{prefix})");

        private string CheckName(ScalarNode key, string name)
        {
            try
            {
                return System.Xml.XmlConvert.VerifyNCName(name);
            }
            catch (System.Xml.XmlException)
            {
                throw new YamlSyntaxException(doc, key.Line, key.Column, $"'{key.Value}' is not a valid XML name");
            }
        }

        private string CheckComment(ScalarNode text) =>
            text.Value.Contains("--", StringComparison.Ordinal) || text.Value.EndsWith('-')
                ? throw new YamlSyntaxException(doc, text.Line, text.Column, "a comment cannot contain '--' or end with '-'")
                : text.Value;

        private static string RealName(ScalarNode key) => Unescape(key.Value);
    }
}

/// <summary>Malformed YAML form of a document, with the position the reader stopped at.</summary>
public sealed class YamlSyntaxException(string documentName, int line, int column, string reason)
    : ModelException(ModelErrorKind.Syntax, $"({documentName}):{line}:{column}: {reason}")
{
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Reason { get; } = reason;
}
