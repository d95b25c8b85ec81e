using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Rpc.Protocol;
using Virt.Rpc.Xdr;

namespace Virt.Rpc.Tests;

public sealed class RemoteErrorTests
{
    [Fact]
    public void Unknown_procedure_error_has_libvirtd_exact_bytes()
    {
        var call = new MessageHeader(0, RpcProgram.Remote, 1, 51, MessageType.Call, 9, MessageStatus.Ok);
        using var reply = MessageBuilder.ErrorReply(call, RemoteError.UnknownProcedure(51));

        var expected = SpecHex.Parse("""
            00000088 20008086 00000001 00000033 00000001 00000009 00000001
            00000027 00000007
            00000001 00000015 "unknown procedure: 51" 000000
            00000002
            00000000
            00000001 00000002 "%s" 0000
            00000001 00000015 "unknown procedure: 51" 000000
            00000000
            ffffffff ffffffff
            00000000
            """);
        Assert.Equal(SpecHex.Hex(expected), SpecHex.Hex(reply.Memory.Span));
    }

    [Fact]
    public void Unknown_procedure_error_is_what_clients_rewrite_to_no_support()
    {
        // The client's rule: domain RPC or REMOTE, code RPC, level error, message starting "unknown procedure".
        var error = RemoteError.UnknownProcedure(273);
        Assert.Equal(ErrorCode.Rpc, error.Code);
        Assert.Equal(39, (int)error.Code);
        Assert.Equal(ErrorDomain.Rpc, error.Domain);
        Assert.Equal(7, (int)error.Domain);
        Assert.Equal(2, error.Level);
        Assert.Equal("unknown procedure: 273", error.Message);
        Assert.StartsWith("unknown procedure", error.Message);
    }

    [Fact]
    public void Unknown_program_error()
    {
        var error = RemoteError.UnknownProgram(RpcProgram.Qemu, 1);
        Assert.Equal(ErrorCode.Rpc, error.Code);
        Assert.Equal("Cannot find program 536903815 version 1", error.Message);
    }

    [Fact]
    public void Read_only_refusal_uses_libvirt_text_and_operation_denied()
    {
        var entry = ProcedureTable.DomainCreate;
        var error = RpcErrors.ReadOnly(entry.Access.Api!);
        Assert.Equal(ErrorCode.OperationDenied, error.Code);
        Assert.Equal(29, (int)error.Code);
        Assert.Equal("operation forbidden: read only access prevents virDomainCreate", error.Message);
    }

    [Fact]
    public void Decode_failure_wraps_the_xdr_exception_once()
    {
        var inner = new XdrException("XDR data truncated");
        var error = RpcErrors.DecodeFailed(inner);
        Assert.Equal(ErrorCode.Rpc, error.Code);
        Assert.Equal(ErrorDomain.Rpc, error.Domain);
        Assert.Same(inner, error.InnerException);
    }

    [Fact]
    public void Every_field_survives_encode_and_decode()
    {
        var dom = new DomainRef("lab1", Guid.Parse("6f0c8a3e-1b2d-4c5e-9f70-0123456789ab"), 3);
        var net = new RemoteNetwork("default", Guid.Parse("7a1d9b4f-2c3e-4d6f-8a81-123456789abc"));
        var error = new RemoteError(ErrorCode.OperationInvalid, ErrorDomain.Domain, null, 1, dom, "a", "", null, 7, -9, net);
        var decoded = XdrStruct.Decode<RemoteError>(XdrStruct.Encode(error));
        Assert.Equal(error, decoded);
        Assert.Null(decoded.Message);
        Assert.Equal("", decoded.Str2);
        Assert.Null(decoded.Str3);
    }

    [Fact]
    public void Exception_mapping_keeps_code_domain_message_strings_and_ints()
    {
        var exception = new VirtException(ErrorCode.OperationInvalid, ErrorDomain.Qemu,
            "Requested operation is not valid: domain is not running", "Requested operation is not valid: %s",
            "domain is not running", "s3", 4, 5);
        var error = RemoteError.FromException(exception);
        Assert.Null(error.Dom);
        Assert.Null(error.Net);
        Assert.Equal(RemoteError.LevelError, error.Level);

        var back = XdrStruct.Decode<RemoteError>(XdrStruct.Encode(error)).ToException();
        Assert.Equal(exception.Code, back.Code);
        Assert.Equal(exception.Domain, back.Domain);
        Assert.Equal(exception.Message, back.Message);
        Assert.Equal(exception.Str1, back.Str1);
        Assert.Equal(exception.Str2, back.Str2);
        Assert.Equal(exception.Str3, back.Str3);
        Assert.Equal(4, back.Int1);
        Assert.Equal(5, back.Int2);
    }

    [Fact]
    public void Stream_error_packet_carries_a_remote_error()
    {
        using var packet = StreamPackets.Error(RemoteProcedure.DomainOpenConsole, 9, RemoteError.FromException(VirtErrors.NotRunning()));
        var header = MessageHeader.Read(packet.Memory.Span);
        Assert.Equal(MessageType.Stream, header.Type);
        Assert.Equal(MessageStatus.Error, header.Status);
        Assert.Equal(9u, header.Serial);
        Assert.Equal(201, header.Procedure);
        var error = XdrStruct.Decode<RemoteError>(packet.Memory.Span[MessageHeader.Size..]);
        Assert.Equal("Requested operation is not valid: domain is not running", error.Message);
    }
}
