namespace Virt.Model;

/// <summary>What kind of problem a document has; the API layer maps it onto a libvirt error number.</summary>
public enum ModelErrorKind
{
    /// <summary>Not well-formed XML (libvirt: XML_DETAIL).</summary>
    Syntax,
    /// <summary>Well-formed, but breaks a rule of the schema or of libvirt (libvirt: XML_ERROR).</summary>
    Invalid,
    /// <summary>The domain has no name (libvirt: NO_NAME).</summary>
    NoName,
    /// <summary>Valid, but a configuration this build does not support (libvirt: CONFIG_UNSUPPORTED).</summary>
    Unsupported,
}

/// <summary>Base of every error the model raises; carries no I/O or driver concerns.</summary>
public class ModelException(ModelErrorKind kind, string message) : Exception(message)
{
    public ModelErrorKind Kind { get; } = kind;
}

/// <summary>Malformed XML, with the position the parser stopped at.</summary>
public sealed class XmlSyntaxException(string documentName, int line, int column, string reason)
    : ModelException(ModelErrorKind.Syntax, $"({documentName}):{line}:{column}: {reason}")
{
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Reason { get; } = reason;
}

/// <summary>A semantic error, naming the element path and the rule it breaks.</summary>
public sealed class DomainValidationException(string path, string rule, ModelErrorKind kind = ModelErrorKind.Invalid)
    : ModelException(kind, string.IsNullOrEmpty(path) ? rule : $"{path}: {rule}")
{
    public string Path { get; } = path;
    public string Rule { get; } = rule;
}
