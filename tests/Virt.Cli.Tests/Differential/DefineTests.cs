namespace Virt.Cli.Tests.Differential;

/// <summary>define / create / undefine with XML files, through both virsh and virt.</summary>
public sealed class DefineTests
{
    public static TheoryData<string> Sequences() =>
    [
        $"define {Fixtures.Lab1}; list --all; dominfo lab1; domstate --reason lab1; domid lab1; " +
        $"start lab1; list --all; domid lab1; destroy lab1; undefine lab1; list --all",
        $"define {Fixtures.Lab1}; define {Fixtures.Lab1}; list --all; undefine lab1; undefine lab1",
        $"define {Fixtures.Lab2}; dominfo lab2; start lab2; dominfo lab2; list",
        $"define --validate {Fixtures.Lab1}; define --file {Fixtures.Lab2}; list --all --name",
        $"create {Fixtures.Lab1}; list --all; dominfo lab1; list --transient; list --persistent --all",
        $"create {Fixtures.Lab1}; undefine lab1; list --all; destroy lab1; list --all; domstate lab1",
        $"create {Fixtures.Lab1}; shutdown lab1; list --all",
        $"create {Fixtures.Lab1}; suspend lab1; list --all; list --state-paused --name",
        $"define {Fixtures.Lab1}; create {Fixtures.Lab1}; list --all; destroy lab1; list --all",
        $"define {Fixtures.Lab1}; define {Fixtures.Alpha}; define {Fixtures.Lab2}; list --all; list --inactive; " +
        $"list --all --name; list --all --uuid; start lab2; list --all; list --id",
        $"define {Fixtures.Lab1}; autostart lab1; create {Fixtures.Lab2}; suspend test; " +
        "list --all --autostart; list --all --no-autostart; list --all --persistent; list --all --transient; " +
        "list --all --state-running; list --all --state-paused; list --all --state-shutoff; list --all --state-other; " +
        "list --all --state-running --state-paused; list --all --with-managed-save; list --all --without-managed-save; " +
        "list --all --with-snapshot; list --all --without-snapshot; list --all --with-checkpoint; " +
        "list --all --without-checkpoint; list --inactive --autostart; list --persistent --transient; " +
        "list --all --managed-save; list --all --name --id; list --all --uuid --name",
        $"destroy test; define {Fixtures.Lab1}; start lab1; start test; list",
    ];

    public static TheoryData<string> Errors() =>
    [
        $"define {Fixtures.Missing}",
        $"define {Fixtures.Directory}",
        $"create {Fixtures.Missing}",
        $"define {Fixtures.NoName}",
        $"define {Fixtures.DuplicateName}",
        $"create {Fixtures.DuplicateName}",
        $"define {Fixtures.DuplicateUuid}",
        $"create {Fixtures.DuplicateUuid}",
        $"create --paused {Fixtures.Lab1}",
        $"define {Fixtures.Lab1}; create {Fixtures.Lab1}; create {Fixtures.Lab1}",
        "define ''",
        "define",
    ];

    /// <summary>XML that went through our model and its defaults (libvirt's post-parse pass).</summary>
    public static TheoryData<string> XmlDumps() =>
    [
        $"define {Fixtures.Lab1}; dumpxml lab1; start lab1; dumpxml lab1; dumpxml --inactive lab1",
        $"define {Fixtures.Lab2}; dumpxml lab2",
        $"create {Fixtures.Lab2}; dumpxml lab2; dumpxml --inactive lab2",
        $"define {Fixtures.Bare}; dumpxml bare; dominfo bare",
    ];

    [Theory]
    [MemberData(nameof(XmlDumps))]
    public Task XmlAfterDefine(string commands) => DifferentialAssert.SameAsVirshMaskingUuidsAsync(commands);

    [Theory]
    [MemberData(nameof(Sequences))]
    public Task Sequence(string commands) => DifferentialAssert.SameAsVirshAsync(commands);

    [Theory]
    [MemberData(nameof(Errors))]
    public Task ErrorCase(string commands) => DifferentialAssert.SameAsVirshAsync(commands);
}
