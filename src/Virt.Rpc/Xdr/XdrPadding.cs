namespace Virt.Rpc.Xdr;

/// <summary>XDR's 4-byte alignment rule.</summary>
public static class XdrPadding
{
    /// <summary>Zero bytes that follow <paramref name="dataLength"/> bytes of opaque or string data.</summary>
    public static int Of(int dataLength) => (4 - (dataLength & 3)) & 3;

    /// <summary><paramref name="dataLength"/> rounded up to a multiple of 4.</summary>
    public static int Align(int dataLength) => dataLength + Of(dataLength);
}
