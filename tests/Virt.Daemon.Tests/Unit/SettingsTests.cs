using Virt.Daemon.Config;

namespace Virt.Daemon.Tests.Unit;

public sealed class SettingsTests
{
    private static readonly DaemonEnvironment Root = new(IsRoot: true, _ => null);

    private static DaemonEnvironment User(string runtimeDir) =>
        new(IsRoot: false, name => name switch { "HOME" => "/home/u", "XDG_RUNTIME_DIR" => runtimeDir, _ => null });

    private static CommandLineValues NoConfig(CommandLineValues values) => values with { ConfigFile = values.ConfigFile ?? "/dev/null" };

    [Fact]
    public void System_mode_defaults()
    {
        var s = SettingsResolver.Resolve(NoConfig(new CommandLineValues()), Root);
        Assert.Equal(DaemonMode.System, s.Mode);
        Assert.Equal("/run/virt/virtd-sock", s.SocketPath);
        Assert.Equal("/run/virt/virtd-sock-ro", s.ReadOnlySocketPath);
        Assert.Equal("/run/virt/virtd.pid", s.PidFile);
        Assert.Equal("/run/libvirt", s.LibvirtSocketDir);
        Assert.Equal("/etc/virt/qemu", s.QemuPaths.ConfigDir);
        Assert.Equal("/run/virt/qemu", s.QemuPaths.RunDir);
        Assert.Equal("qemu:///system", s.CanonicalUri);
        Assert.Null(s.IdleTimeout);
        Assert.Equal((UnixFileMode)0b110_000_000, s.ReadWritePerms);
        Assert.Equal((UnixFileMode)0b110_110_110, s.ReadOnlyPerms);
        Assert.Equal((20, 5, 5), (s.MaxWorkers, s.PrioWorkers, s.MaxClientRequests));
    }

    [Fact]
    public void Session_mode_lives_in_the_users_folders()
    {
        var s = SettingsResolver.Resolve(NoConfig(new CommandLineValues()), User("/run/user/1000"));
        Assert.Equal(DaemonMode.Session, s.Mode);
        Assert.Equal("/run/user/1000/virt/virtd-sock", s.SocketPath);
        Assert.Equal("/run/user/1000/libvirt", s.LibvirtSocketDir);
        Assert.Equal("/home/u/.config/virt/qemu", s.QemuPaths.ConfigDir);
        Assert.Equal("/run/user/1000/virt/qemu", s.QemuPaths.RunDir);
        Assert.Equal("qemu:///session", s.CanonicalUri);
        // Without XDG_RUNTIME_DIR, libvirt falls back to ~/.cache.
        Assert.Equal("/home/u/.cache/virt/virtd-sock", SettingsResolver.Resolve(NoConfig(new CommandLineValues()), User("")).SocketPath);
    }

    [Fact]
    public void Command_line_wins_over_the_config_file()
    {
        var config = Path.GetTempFileName();
        try
        {
            File.WriteAllText(config, """
                socket_dir = "/tmp/from-config"   # a comment
                timeout = 30
                root = "/srv/virt"
                libvirt_compat = 1
                unix_sock_rw_perms = "0660"
                log_level = "debug"
                """);
            var s = SettingsResolver.Resolve(new CommandLineValues(ConfigFile: config, SocketDir: "/tmp/cli", TimeoutSeconds: 5), Root);
            Assert.Equal("/tmp/cli/virtd-sock", s.SocketPath);
            Assert.Equal(TimeSpan.FromSeconds(5), s.IdleTimeout);
            Assert.Equal("/srv/virt", s.Root);
            Assert.Equal("/srv/virt/etc/qemu", s.QemuPaths.ConfigDir);
            Assert.True(s.LibvirtCompat);
            Assert.Equal((UnixFileMode)0b110_110_000, s.ReadWritePerms);
            Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, s.LogLevel);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Theory]
    [InlineData("listen_tcp = 1", "f:1: unknown setting 'listen_tcp'")]
    [InlineData("timeout = \"5\"", "f:1: 'timeout' must be an integer")]
    [InlineData("root = /srv", "f:1: 'root' must be a string in double quotes")]
    [InlineData("timeout = 1\ntimeout = 2", "f:2: 'timeout' is set twice")]
    [InlineData("just words", "f:1: expected 'key = value'")]
    public void Config_file_is_strict(string text, string message)
    {
        var ex = Assert.Throws<SettingsException>(() => ConfigFile.Parse("f", text));
        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData("unix_sock_ro_perms = \"0999\"", "unix_sock_ro_perms must be an octal mode")]
    [InlineData("max_workers = 0", "max_workers must be a positive number")]
    [InlineData("log_level = \"loud\"", "log_level must be one of debug, info, warning, error")]
    [InlineData("timeout = -1", "timeout must be 0 (never) or a number of seconds")]
    public void Bad_values_are_refused(string text, string message)
    {
        var config = Path.GetTempFileName();
        try
        {
            File.WriteAllText(config, text);
            var ex = Assert.Throws<SettingsException>(() => SettingsResolver.Resolve(new CommandLineValues(ConfigFile: config), Root));
            Assert.StartsWith(message, ex.Message);
        }
        finally
        {
            File.Delete(config);
        }
    }
}
