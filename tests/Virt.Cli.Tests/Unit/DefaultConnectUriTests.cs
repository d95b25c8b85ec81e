namespace Virt.Cli.Tests.Unit;

public sealed class DefaultConnectUriTests
{
    private static ProcessEnvironment Env(bool root = false, params (string Name, string Value)[] vars) =>
        new(name => vars.FirstOrDefault(v => v.Name == name).Value, "/home/ann", root);

    [Fact]
    public void CommandLineWins() =>
        Assert.Equal("test:///default",
            DefaultConnectUri.Resolve("test:///default", Env(false, ("LIBVIRT_DEFAULT_URI", "qemu:///system"))));

    [Fact]
    public void VirshVariableWinsOverLibvirtVariable() =>
        Assert.Equal("test:///default", DefaultConnectUri.Resolve(null,
            Env(false, ("LIBVIRT_DEFAULT_URI", "qemu:///system"), ("VIRSH_DEFAULT_CONNECT_URI", "test:///default"))));

    [Fact]
    public void LibvirtVariableAlone() =>
        Assert.Equal("qemu:///system", DefaultConnectUri.Resolve(null, Env(false, ("LIBVIRT_DEFAULT_URI", "qemu:///system"))));

    [Fact]
    public void EmptyVariablesAreIgnored() =>
        Assert.Equal("qemu:///embed?root=/home/ann/.local/share/virt/embed",
            DefaultConnectUri.Resolve("", Env(false, ("LIBVIRT_DEFAULT_URI", ""), ("VIRSH_DEFAULT_CONNECT_URI", ""))));

    [Fact]
    public void RootUsesTheSystemDirectory() =>
        Assert.Equal("qemu:///embed?root=/var/lib/virt/embed",
            DefaultConnectUri.Resolve(null, Env(true, ("XDG_DATA_HOME", "/data"))));

    [Fact]
    public void UserUsesXdgDataHome() =>
        Assert.Equal("qemu:///embed?root=/data/virt/embed", DefaultConnectUri.Resolve(null, Env(false, ("XDG_DATA_HOME", "/data"))));

    [Fact]
    public void RelativeXdgDataHomeIsIgnored() =>
        Assert.Equal("/home/ann/.local/share/virt/embed", DefaultConnectUri.EmbedRoot(Env(false, ("XDG_DATA_HOME", "data"))));
}
