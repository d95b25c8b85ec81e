namespace Virt.Cli.Tests.Differential;

/// <summary>Domain XML files that both virsh and virt read; the same paths appear in both outputs.</summary>
public static class Fixtures
{
    public const string Lab1Uuid = "0b6f4e0c-3c43-4f1e-9a5c-6b2d9a1e7c01";
    public const string Lab2Uuid = "6f0c8a3e-1b2d-4c5e-9f70-0123456789ab";
    public const string TestUuid = "6695eb01-f6a4-8304-79aa-97f2502e193f";

    public static readonly string Directory = CreateDirectory();

    /// <summary>Minimal persistent domain with a fixed UUID.</summary>
    public static readonly string Lab1 = Write("lab1.xml", $"""
        <domain type='test'>
          <name>lab1</name>
          <uuid>{Lab1Uuid}</uuid>
          <memory>65536</memory>
          <os><type>hvm</type></os>
        </domain>
        """);

    /// <summary>Units, currentMemory, vcpus and an arch of its own.</summary>
    public static readonly string Lab2 = Write("lab2.xml", $"""
        <domain type='test'>
          <name>lab2</name>
          <uuid>{Lab2Uuid}</uuid>
          <memory unit='MiB'>128</memory>
          <currentMemory unit='MiB'>64</currentMemory>
          <vcpu>3</vcpu>
          <os><type arch='x86_64'>hvm</type></os>
        </domain>
        """);

    /// <summary>No UUID, no currentMemory, no vcpu: everything the defaults fill in.</summary>
    public static readonly string Bare = Write("bare.xml", """
        <domain type='test'>
          <name>bare</name>
          <memory unit='GiB'>1</memory>
          <os><type>hvm</type></os>
        </domain>
        """);

    /// <summary>Lower-case-first name, to check virsh's case-insensitive sort of inactive domains.</summary>
    public static readonly string Alpha = Write("alpha.xml", """
        <domain type='test'>
          <name>Alpha</name>
          <uuid>11111111-2222-3333-4444-555555555555</uuid>
          <memory>1024</memory>
          <os><type>hvm</type></os>
        </domain>
        """);

    /// <summary>Named like the built-in domain, with another UUID.</summary>
    public static readonly string DuplicateName = Write("dup-name.xml", """
        <domain type='test'>
          <name>test</name>
          <uuid>11111111-2222-3333-4444-666666666666</uuid>
          <memory>1024</memory>
          <os><type>hvm</type></os>
        </domain>
        """);

    /// <summary>The built-in domain's UUID under another name.</summary>
    public static readonly string DuplicateUuid = Write("dup-uuid.xml", $"""
        <domain type='test'>
          <name>other</name>
          <uuid>{TestUuid}</uuid>
          <memory>1024</memory>
          <os><type>hvm</type></os>
        </domain>
        """);

    public static readonly string NoName = Write("noname.xml", """
        <domain type='test'>
          <memory>1024</memory>
          <os><type>hvm</type></os>
        </domain>
        """);

    public static readonly string Missing = Path.Combine(Directory, "does-not-exist.xml");

    /// <summary>A title, three kinds of disk (one without a source), three interfaces, vCPUs pinned and partly online.</summary>
    public static readonly string Devices = Write("devices.xml", """
        <domain type='test'>
          <name>devs</name>
          <uuid>0b6f4e0c-3c43-4f1e-9a5c-6b2d9a1e7c77</uuid>
          <title>My first title</title>
          <description>desc</description>
          <memory unit='MiB'>128</memory>
          <currentMemory unit='MiB'>64</currentMemory>
          <vcpu cpuset='1-3' current='2'>4</vcpu>
          <os><type arch='x86_64'>hvm</type></os>
          <devices>
            <disk type='file' device='disk'><source file='/tmp/nonexist.img'/><target dev='sda' bus='scsi'/></disk>
            <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>
            <disk type='block' device='disk'><source dev='/dev/sdz'/><target dev='vdb' bus='virtio'/></disk>
            <interface type='bridge'><mac address='52:54:00:33:d2:c9'/><source bridge='br0'/><model type='virtio'/></interface>
            <interface type='user'><mac address='52:54:00:11:22:33'/></interface>
            <interface type='direct'><mac address='52:54:00:be:a9:6f'/><source dev='eth0' mode='vepa'/></interface>
            <memballoon model='virtio'/>
          </devices>
        </domain>
        """);

    /// <summary>An editor that breaks the XML it is given (an end tag that does not match).</summary>
    public static readonly string BreakingEditor = Script("break.sh", "sed -i 's|<name>test</name>|<name>test</nam>|' \"$1\"");

    /// <summary>An editor that lowers the current memory of the built-in domain.</summary>
    public static readonly string MemoryEditor =
        Script("mem.sh", "sed -i 's|<currentMemory unit=.KiB.>2097152</currentMemory>|<currentMemory unit=\"KiB\">1048576</currentMemory>|' \"$1\"");

    /// <summary>An editor that saves without a change.</summary>
    public static readonly string NoopEditor = Script("noop.sh", "true");

    /// <summary>An editor that fails.</summary>
    public static readonly string FailingEditor = Script("fail.sh", "exit 3");

    private static string Script(string name, string body)
    {
        var path = Write(name, "#!/bin/sh\n" + body);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static string CreateDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"virt-cli-tests-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { System.IO.Directory.Delete(dir, recursive: true); } catch (IOException) { }
        };
        return dir;
    }

    private static string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content + "\n");
        return path;
    }
}
