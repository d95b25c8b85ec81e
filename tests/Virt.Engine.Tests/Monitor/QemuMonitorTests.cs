using System.Diagnostics;
using Virt.Engine.Qemu.Monitor;

namespace Virt.Engine.Tests.Monitor;

/// <summary>The client against a real QEMU 7.2 with no guest (<c>-machine none</c>), so it is fast and needs no firmware.</summary>
public sealed class QemuMonitorTests
{
    [Fact]
    public async Task RealQemu_HandshakeQueriesErrorsEventsAndQuit()
    {
        await using var qemu = QemuUnderTest.Start();
        var events = new RecordingMonitorEvents();
        await using var connection = await QmpClient.ConnectWithRetryAsync(
            qemu.SocketPath, events, () => !qemu.HasExited, TestTimeouts.QemuStart, CancellationToken.None);
        var client = new QmpClient(connection);

        Assert.Equal(new QmpStatus("prelaunch", false), await client.QueryStatusAsync().WaitAsync(TestTimeouts.Step));
        var version = await client.QueryVersionAsync().WaitAsync(TestTimeouts.Step);
        Assert.Equal(7, version.Major);
        Assert.Contains(await client.QueryChardevAsync().WaitAsync(TestTimeouts.Step), c => c.Label == "compat_monitor0");
        Assert.Empty(await client.QueryCpusFastAsync().WaitAsync(TestTimeouts.Step));

        var unknown = await Assert.ThrowsAsync<QmpCommandException>(() => connection.ExecuteAsync("virt-no-such-command"));
        Assert.Equal("CommandNotFound", unknown.ErrorClass);
        Assert.Contains("virt-no-such-command", unknown.Description);

        // cont/stop on an empty machine still run the state machine and emit RESUME/STOP.
        await client.ContAsync().WaitAsync(TestTimeouts.Step);
        Assert.Equal(QmpEventNames.Resume, (await events.NextEventAsync()).Name);
        Assert.Equal(new QmpStatus("running", true), await client.QueryStatusAsync().WaitAsync(TestTimeouts.Step));
        await client.StopAsync().WaitAsync(TestTimeouts.Step);
        Assert.Equal(QmpEventNames.Stop, (await events.NextEventAsync()).Name);
        Assert.Equal(new QmpStatus("paused", false), await client.QueryStatusAsync().WaitAsync(TestTimeouts.Step));

        await client.QuitAsync().WaitAsync(TestTimeouts.Step);
        await connection.Completion.WaitAsync(TestTimeouts.Step);

        var shutdown = await events.NextEventAsync();
        Assert.Equal(QmpEventNames.Shutdown, shutdown.Name);
        Assert.Equal("host-qmp-quit", shutdown.Data.GetProperty("reason").GetString());
        Assert.Null(events.Error);
        Assert.Equal(1, events.EofCount);
        Assert.Equal(0, events.ErrorCount);
        Assert.False(events.Overlapped);
        await Assert.ThrowsAsync<QmpDisconnectedException>(() => client.QueryStatusAsync());
        Assert.Equal(0, await qemu.WaitForExitAsync());
    }

    [Fact]
    public async Task RealQemu_ThatFailsToStart_StopsTheRetryEarly()
    {
        await using var qemu = QemuUnderTest.Start("-machine", "virt-no-such-machine");

        var ex = await Assert.ThrowsAsync<QmpDisconnectedException>(() => QmpClient.ConnectWithRetryAsync(
            qemu.SocketPath, new RecordingMonitorEvents(), () => !qemu.HasExited, TestTimeouts.QemuStart, CancellationToken.None));

        Assert.Contains("exited", ex.Message);
        Assert.NotEqual(0, await qemu.WaitForExitAsync());
    }

    /// <summary>Owns one QEMU process and its socket; always kills it on dispose.</summary>
    private sealed class QemuUnderTest : IAsyncDisposable
    {
        private readonly Process _process;

        private QemuUnderTest(Process process, string socketPath)
        {
            _process = process;
            SocketPath = socketPath;
        }

        public string SocketPath { get; }

        public bool HasExited => _process.HasExited;

        /// <param name="machineOverride">Extra arguments placed after the defaults (a later -machine wins).</param>
        public static QemuUnderTest Start(params string[] machineOverride)
        {
            var socketPath = FakeQmpServer.NewSocketPath();
            var start = new ProcessStartInfo("qemu-system-x86_64")
            {
                UseShellExecute = false,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (var arg in new[]
            {
                "-machine", "none", "-accel", "tcg", "-nodefaults", "-no-user-config", "-display", "none", "-S",
                "-qmp", $"unix:{socketPath},server=on,wait=off",
            }.Concat(machineOverride))
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start qemu-system-x86_64");

            // Drain the pipes so a chatty QEMU can never block on a full one.
            process.OutputDataReceived += static (_, _) => { };
            process.ErrorDataReceived += static (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new QemuUnderTest(process, socketPath);
        }

        public async Task<int> WaitForExitAsync()
        {
            await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Step);
            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }

                await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Step);
            }
            finally
            {
                _process.Dispose();
                File.Delete(SocketPath);
            }
        }
    }
}
