namespace Virt.Rpc.Protocol;

/// <summary>Array and string bounds of the REMOTE program's types (libvirt 9.0 values).</summary>
public static class RemoteLimits
{
    /// <summary><c>remote_auth_type types&lt;REMOTE_AUTH_TYPE_LIST_MAX&gt;</c>.</summary>
    public const int AuthTypeListMax = 20;

    /// <summary>REMOTE_DOMAIN_LIST_MAX: domains, ids or names in one list reply.</summary>
    public const int DomainListMax = 16384;

    /// <summary>REMOTE_SECURITY_MODEL_MAX: <c>char model&lt;257&gt;</c> (VIR_SECURITY_MODEL_BUFLEN).</summary>
    public const int SecurityModelMax = 257;

    /// <summary>REMOTE_SECURITY_DOI_MAX: <c>char doi&lt;257&gt;</c>.</summary>
    public const int SecurityDoiMax = 257;

    /// <summary>REMOTE_SECURITY_LABEL_MAX: <c>char label&lt;4097&gt;</c>.</summary>
    public const int SecurityLabelMax = 4097;

    /// <summary>REMOTE_DOMAIN_MESSAGES_MAX: strings in a DOMAIN_GET_MESSAGES reply.</summary>
    public const int DomainMessagesMax = 2048;

    /// <summary><c>char model[32]</c> in NODE_GET_INFO's reply.</summary>
    public const int NodeModelLength = 32;

    /// <summary>VIR_UUID_BUFLEN: bytes of a <c>remote_uuid</c>.</summary>
    public const int UuidLength = 16;
}

/// <summary><c>remote_auth_type</c>.</summary>
public enum RemoteAuthType
{
    None = 0,
    Sasl = 1,
    Polkit = 2,
}
