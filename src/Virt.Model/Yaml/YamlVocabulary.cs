namespace Virt.Model.Yaml;

/// <summary>
/// Which child elements the YAML form writes as a bare scalar (<c>name: demo</c>) rather than as
/// <c>{_text: demo}</c>, per document kind and parent element. A scalar under any other key is an
/// attribute. The lists were derived from libvirt's RELAX NG schemas (elements whose content can be
/// text only, minus names that are also an attribute of the same parent); see schemas/README.md.
/// Changing a list changes the YAML form, so it is part of the format.
/// </summary>
public static class YamlVocabulary
{
    private static readonly Dictionary<string, HashSet<string>> Empty = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, Dictionary<string, HashSet<string>>> Tables = new(StringComparer.Ordinal)
    {
        ["domain"] = Table(
            "acpi: table",
            "baseBoard: entry",
            "bios: entry",
            "blkiotune: weight",
            "chassis: entry",
            "controller: pcihole64",
            "cookies: cookie",
            "cpu: arch model vendor",
            "cputune: emulator_period emulator_quota global_period global_quota iothread_period iothread_quota period quota shares",
            "device: read_bytes_sec read_iops_sec weight write_bytes_sec write_iops_sec",
            "devices: emulator",
            "disk: product serial vendor wwn",
            "domain: bootloader bootloader_args currentMemory datacenterpath description genid iothreads maxMemory memory name on_crash on_lockfailure on_poweroff on_reboot title uuid vcpu",
            "filesystem: space_hard_limit space_soft_limit",
            "hpt: maxpagesize",
            "inactiveDomain: bootloader bootloader_args currentMemory datacenterpath description genid iothreads maxMemory memory name on_crash on_lockfailure on_poweroff on_reboot title uuid vcpu",
            "iotune: group_name read_bytes_sec read_bytes_sec_max read_bytes_sec_max_length read_iops_sec read_iops_sec_max read_iops_sec_max_length size_iops_sec total_bytes_sec total_bytes_sec_max total_bytes_sec_max_length total_iops_sec total_iops_sec_max total_iops_sec_max_length write_bytes_sec write_bytes_sec_max write_bytes_sec_max_length write_iops_sec write_iops_sec_max write_iops_sec_max_length",
            "label: size",
            "launchSecurity: cbitpos dhCert handle policy reducedPhysBits session",
            "lease: key lockspace",
            "memory: uuid",
            "memtune: hard_limit min_guarantee soft_limit swap_hard_limit",
            "metadata_cache: max_size",
            "oemStrings: entry",
            "os: cmdline dtb init initarg initdir initenv initgroup initrd inituser kernel loader nvram root type",
            "permissions: group label mode owner",
            "resource: partition",
            "seclabel: baselabel imagelabel label",
            "shmem: size",
            "smartcard: certificate database",
            "smm: tseg",
            "source: alignsize block char interface nodemask pagesize",
            "sysinfo: entry",
            "system: entry",
            "target: block current node requested size",
            "tcg: tb-cache",
            "tune: sndbuf"),
        ["network"] = Table(
            "host: hostname",
            "network: name uuid"),
        ["pool"] = Table(
            "permissions: group label mode owner",
            "pool: allocation available capacity name uuid",
            "source: name",
            "target: path"),
        ["volume"] = Table(
            "backingStore: path",
            "permissions: group label mode owner",
            "target: clusterSize compat path",
            "timestamps: atime btime ctime mtime",
            "volume: allocation capacity key name physical"),
        ["domainsnapshot"] = Table(
            "acpi: table",
            "baseBoard: entry",
            "bios: entry",
            "blkiotune: weight",
            "chassis: entry",
            "controller: pcihole64",
            "cookies: cookie",
            "cpu: arch model vendor",
            "cputune: emulator_period emulator_quota global_period global_quota iothread_period iothread_quota period quota shares",
            "device: read_bytes_sec read_iops_sec weight write_bytes_sec write_iops_sec",
            "devices: emulator",
            "disk: product serial vendor wwn",
            "domain: bootloader bootloader_args currentMemory datacenterpath description genid iothreads maxMemory memory name on_crash on_lockfailure on_poweroff on_reboot title uuid vcpu",
            "domainsnapshot: active creationTime description name state",
            "filesystem: space_hard_limit space_soft_limit",
            "hpt: maxpagesize",
            "inactiveDomain: bootloader bootloader_args currentMemory datacenterpath description genid iothreads maxMemory memory name on_crash on_lockfailure on_poweroff on_reboot title uuid vcpu",
            "iotune: group_name read_bytes_sec read_bytes_sec_max read_bytes_sec_max_length read_iops_sec read_iops_sec_max read_iops_sec_max_length size_iops_sec total_bytes_sec total_bytes_sec_max total_bytes_sec_max_length total_iops_sec total_iops_sec_max total_iops_sec_max_length write_bytes_sec write_bytes_sec_max write_bytes_sec_max_length write_iops_sec write_iops_sec_max write_iops_sec_max_length",
            "label: size",
            "launchSecurity: cbitpos dhCert handle policy reducedPhysBits session",
            "lease: key lockspace",
            "memory: uuid",
            "memtune: hard_limit min_guarantee soft_limit swap_hard_limit",
            "metadata_cache: max_size",
            "oemStrings: entry",
            "os: cmdline dtb init initarg initdir initenv initgroup initrd inituser kernel loader nvram root type",
            "parent: name",
            "permissions: group label mode owner",
            "resource: partition",
            "seclabel: baselabel imagelabel label",
            "shmem: size",
            "smartcard: certificate database",
            "smm: tseg",
            "source: alignsize block char interface nodemask pagesize",
            "sysinfo: entry",
            "system: entry",
            "target: block current node requested size",
            "tcg: tb-cache",
            "tune: sndbuf"),
        ["capabilities"] = Table(
            "arch: emulator loader machine wordsize",
            "cell: pages",
            "cpu: arch model vendor",
            "domain: emulator machine",
            "guest: os_type",
            "host: uuid",
            "secmodel: baselabel doi model",
            "uri_transports: uri_transport"),
        ["domainCapabilities"] = Table(
            "cpu: arch model vendor",
            "domainCapabilities: arch domain machine path",
            "enum: value",
            "loader: value",
            "mode: model vendor",
            "sev: cbitpos maxESGuests maxGuests reducedPhysBits",
            "sgx: flc section_size sgx1 sgx2"),
    };

    /// <summary>The table for a document whose root element is <paramref name="root"/> (empty for unknown kinds).</summary>
    public static IReadOnlyDictionary<string, HashSet<string>> For(string root) =>
        Tables.TryGetValue(root, out var t) ? t : Empty;

    /// <summary>Whether a text-only child <paramref name="child"/> of <paramref name="parent"/> is written as a bare scalar.</summary>
    public static bool IsTextChild(IReadOnlyDictionary<string, HashSet<string>> table, string parent, string child) =>
        table.TryGetValue(parent, out var set) && set.Contains(child);

    private static Dictionary<string, HashSet<string>> Table(params string[] rows)
    {
        var table = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var colon = row.IndexOf(':', StringComparison.Ordinal);
            table[row[..colon]] = new HashSet<string>(row[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        }
        return table;
    }
}
