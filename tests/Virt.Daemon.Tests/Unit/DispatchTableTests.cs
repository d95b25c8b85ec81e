using Microsoft.Extensions.Logging.Abstractions;
using Virt.Daemon.Handlers;
using Virt.Daemon.Server;
using Virt.Rpc.Protocol;
using Virt.Rpc.Protocol.Messages;

namespace Virt.Daemon.Tests.Unit;

public sealed class DispatchTableTests
{
    private static RemoteDispatcher Dispatcher()
    {
        var d = new RemoteDispatcher(NullLogger.Instance);
        RemoteHandlers.Register(d);
        return d;
    }

    [Fact]
    public void Every_call_in_the_procedure_table_has_exactly_one_handler()
    {
        var served = Dispatcher().ServedEntries.Select(e => e.Procedure).Order().ToList();
        var calls = ProcedureTable.All.Where(e => e.Kind == ProcedureKind.Call).Select(e => e.Procedure).Order().ToList();
        Assert.Equal(calls, served);
    }

    [Fact]
    public void A_second_handler_for_a_procedure_is_a_programming_error()
    {
        var d = Dispatcher();
        Assert.Throws<InvalidOperationException>(() =>
            d.On(ProcedureTable.ConnectGetType, (_, _) => Task.FromResult(new ConnectGetTypeRet("x"))));
    }

    [Fact]
    public void Unknown_procedures_have_no_entry_so_they_get_libvirts_unknown_procedure_error()
    {
        var d = Dispatcher();
        Assert.False(d.TryGetEntry((int)RemoteProcedure.AuthPolkit, out _));
        Assert.False(d.TryGetEntry(999, out _));
        Assert.False(d.TryGetEntry((int)RemoteProcedure.DomainEventCallbackLifecycle, out _)); // an event, not a call
        Assert.True(d.TryGetEntry((int)RemoteProcedure.DomainDestroy, out var destroy));
        Assert.Equal(DispatchPriority.High, destroy.Priority); // must get through while a domain is stuck
    }

    [Theory]
    [InlineData(DriverFeature.ProgramKeepalive, true)]
    [InlineData(DriverFeature.RemoteEventCallback, true)]
    [InlineData(DriverFeature.RemoteCloseCallback, true)]
    [InlineData(DriverFeature.FdPassing, false)]
    [InlineData(DriverFeature.MigrationParams, false)]
    [InlineData(12345, false)]
    public void Features(int feature, bool supported) => Assert.Equal(supported, ConnectHandlers.SupportsFeature(feature));
}
