#!/usr/bin/env python3
"""Writes schemas/domain.yaml.schema.json: the JSON Schema (draft 2020-12) of the YAML form of a domain.

The enum lists are read from the model's XmlEnumMap tables in src/Virt.Model/Domains, so the schema
offers exactly the values the validator accepts; tests/Virt.Model.Tests checks the two agree.
Run from anywhere: python3 schemas/gen-domain-yaml-schema.py
"""
import glob, json, os, re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
maps = {}
for f in sorted(glob.glob(os.path.join(ROOT, 'src/Virt.Model/Domains/*.cs'))):
    for m in re.finditer(r'XmlEnumMap<(\w+)> Map = new\((.*?)\);', open(f).read(), re.S):
        maps[m.group(1)] = re.findall(r'\(\w+\.\w+, "([^"]*)"\)', m.group(2))

def ref(name): return {"$ref": "#/$defs/" + name}
def enum(name): return ref("enum." + name)
def list_of(schema): return {"anyOf": [schema, {"type": "array", "items": schema, "minItems": 1}]}
def obj(props=None, required=None, description=None, strict=False):
    o = {"type": "object", "properties": dict(props or {})}
    if required: o["required"] = required
    if description: o["description"] = description
    if strict:
        # Only the closed mappings list the reserved keys; open ones take any key anyway.
        o["properties"].update({"_comment": ref("reserved.comment"), "_order": ref("reserved.order"), "_attr": ref("reserved.attr")})
        o["additionalProperties"] = False
        o["patternProperties"] = {"^xmlns(:.+)?$": {"type": "string"}, "^[A-Za-z_][\\w.-]*:[A-Za-z_][\\w.-]*$": ref("element")}
    return o
def text_or(props, description=None):
    """An element that is a bare scalar (its text) or a mapping with _text and attributes."""
    p = dict(props); p["_text"] = ref("scalar")
    return {"anyOf": [ref("scalar"), obj(p)], **({"description": description} if description else {})}

S, U, I, YN, OO, FLAG, EL = ref("scalar"), ref("uint"), ref("int"), ref("yesno"), ref("onoff"), ref("flag"), ref("element")
defs = {
    "scalar": {"type": ["string", "number", "integer", "boolean"], "description": "A text value; the YAML form keeps every value as text."},
    "uint": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^[0-9]+$"}]},
    "int": {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^-?[0-9]+$"}]},
    "hex": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^(0[xX][0-9a-fA-F]+|[0-9]+)$"}]},
    "yesno": {"enum": ["yes", "no"]},
    "onoff": {"enum": ["on", "off"]},
    "flag": {"anyOf": [{"type": "object", "maxProperties": 0}, {"type": "null"}, {"const": ""}], "description": "An empty element, written {}."},
    "element": {"description": "Any element: a scalar (text only), a mapping, or a list of elements of one name."},
    "unit": {"type": "string", "pattern": "^([bB]([yY][tT][eE][sS]?)?|[kKmMgGtTpPeE]([iI]?[bB])?)$"},
    "memSize": {"anyOf": [ref("uint"), obj({"unit": ref("unit"), "_text": ref("uint")}, ["_text"])], "description": "A size; without unit, KiB."},
    "reserved.comment": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}], "description": "XML comments of this element."},
    "reserved.order": {"type": "array", "items": {"type": "string"}, "description": "Keys of all children in document order, when grouping by name would reorder them."},
    "reserved.attr": {"type": "object", "additionalProperties": {"type": ["string", "number", "integer", "boolean"]}, "description": "All attributes, when one of them shares its name with a child."},
    "alias": obj({"name": S}),
    "boot": obj({"order": U}, ["order"]),
    "address": obj({"type": enum("DeviceAddressType"), "domain": ref("hex"), "bus": ref("hex"), "slot": ref("hex"), "function": ref("hex"),
                    "multifunction": OO, "controller": U, "target": U, "unit": U, "port": S}),
}
for name, values in maps.items():
    defs["enum." + name] = {"enum": values}

def device(props, description):
    p = {"alias": ref("alias"), "address": ref("address"), "boot": ref("boot")}
    p.update(props)
    return obj(p, description=description)

char_source = obj({"path": S, "mode": S, "host": S, "service": S, "channel": S})
char_target = obj({"type": S, "port": U, "name": S, "address": S, "state": S, "model": EL})
def chardev(desc, target):
    return device({"type": enum("CharSourceType"), "source": list_of(char_source), "protocol": obj({"type": enum("CharProtocol")}),
                   "log": obj({"file": S, "append": OO}), "target": target}, desc)

devices = {
    "emulator": S,
    "disk": device({"type": enum("DiskType"), "device": enum("DiskDevice"), "model": enum("VirtioModel"), "snapshot": S,
        "driver": obj({"name": S, "type": enum("DiskFormat"), "cache": enum("DiskCache"), "io": enum("DiskIo"), "discard": enum("DiskDiscard"),
                       "detect_zeroes": enum("DiskDetectZeroes"), "error_policy": enum("DiskErrorPolicy"), "iothread": U, "queues": U}),
        "source": obj({"file": S, "dev": S, "dir": S, "protocol": enum("DiskProtocol"), "name": S, "pool": S, "volume": S, "mode": S,
                       "startupPolicy": enum("DiskStartupPolicy"), "host": list_of(obj({"name": S, "port": U, "transport": S, "socket": S}))}),
        "target": obj({"dev": S, "bus": enum("DiskBus"), "tray": enum("DiskTray")}, ["dev"]),
        "readonly": FLAG, "shareable": FLAG, "transient": FLAG, "serial": S, "wwn": S, "vendor": S, "product": S, "backingStore": EL},
        "A disk, cdrom, floppy or lun."),
    "controller": device({"type": enum("ControllerType"), "index": U, "model": {"anyOf": [S, obj({"name": S})], "description": "The model attribute, or the <model name=…> child (then attributes are under _attr)."}, "ports": U, "vectors": U,
        "driver": obj({"queues": U, "iothread": U}), "target": obj({"chassis": U, "port": ref("hex"), "busNr": U}),
        "master": obj({"startport": U})}, "A bus controller; model depends on type."),
    "interface": device({"type": enum("InterfaceType"), "mac": obj({"address": {"type": "string", "pattern": "^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$"}}, ["address"]),
        "source": obj({"network": S, "bridge": S, "dev": S, "mode": enum("DirectMode"), "portgroup": S}), "target": obj({"dev": S, "managed": YN}),
        "model": obj({"type": S}), "driver": obj({"name": S, "queues": U}), "link": obj({"state": enum("LinkState")}), "mtu": obj({"size": U}),
        "filterref": obj({"filter": S}), "bandwidth": EL, "vlan": EL, "virtualport": EL, "rom": EL}, "A network interface."),
    "serial": chardev("A serial port.", obj({"type": enum("SerialTargetType"), "port": U, "model": obj({"name": S})})),
    "console": chardev("A console.", obj({"type": enum("ConsoleTargetType"), "port": U})),
    "parallel": chardev("A parallel port.", obj({"port": U})),
    "channel": chardev("A host-guest channel (qemu-ga: target type virtio, name org.qemu.guest_agent.0).",
        obj({"type": enum("ChannelTargetType"), "name": S, "state": S, "address": S, "port": U})),
    "input": device({"type": enum("InputType"), "bus": enum("InputBus"), "model": enum("VirtioModel")}, "A mouse, tablet or keyboard."),
    "graphics": device({"type": enum("GraphicsType"), "port": I, "tlsPort": I, "autoport": YN,
        "listen": {"anyOf": [S, list_of(obj({"type": enum("ListenType"), "address": S, "network": S, "socket": S}))], "description": "Listen elements (with a listen attribute as well, attributes are under _attr)."},
        "passwd": S, "passwdValidTo": S, "keymap": S, "defaultMode": S, "websocket": I, "channel": EL, "image": EL, "streaming": EL, "mouse": EL, "gl": EL},
        "A display: vnc, spice …"),
    "video": device({"model": obj({"type": enum("VideoModel"), "vram": U, "ram": U, "vgamem": U, "heads": U, "primary": YN, "acceleration": EL}), "driver": EL}, "A video adapter."),
    "sound": device({"model": enum("SoundModel"), "audio": obj({"id": U}), "codec": EL}, "A sound card."),
    "audio": device({"id": U, "type": enum("AudioType")}, "An audio backend."),
    "hostdev": device({"mode": enum("HostdevMode"), "type": enum("HostdevType"), "managed": YN, "driver": obj({"name": enum("HostdevDriver")}),
        "source": EL, "rom": obj({"bar": OO, "file": S})}, "A host device given to the guest."),
    "redirdev": device({"bus": S, "type": enum("CharSourceType"), "source": EL}, "USB redirection."),
    "smartcard": device({"mode": enum("SmartcardMode"), "type": enum("CharSourceType"), "certificate": list_of(S), "database": S}, "A smartcard reader."),
    "hub": device({"type": S}, "A USB hub."),
    "watchdog": device({"model": enum("WatchdogModel"), "action": enum("WatchdogAction")}, "A watchdog timer."),
    "memballoon": device({"model": enum("MemballoonModel"), "autodeflate": OO, "freePageReporting": OO, "stats": obj({"period": U})}, "The memory balloon."),
    "rng": device({"model": enum("VirtioModel"), "backend": text_or({"model": enum("RngBackendModel"), "type": S}), "rate": obj({"bytes": U, "period": U})}, "A random number generator."),
    "tpm": device({"model": enum("TpmModel"), "backend": obj({"type": enum("TpmBackendType"), "version": {"enum": ["1.2", "2.0", 1.2, 2.0]}, "device": obj({"path": S})})}, "A TPM."),
    "filesystem": device({"type": enum("FilesystemType"), "accessmode": enum("FilesystemAccessMode"), "driver": obj({"type": enum("FilesystemDriverType")}),
        "source": obj({"dir": S}), "target": obj({"dir": S}), "readonly": FLAG}, "A shared host directory."),
    "panic": device({"model": enum("PanicModel")}, "A panic notifier."),
    "shmem": device({"name": S, "role": S, "model": obj({"type": enum("ShmemModel")}), "size": ref("memSize"), "server": obj({"path": S})}, "Shared memory (ivshmem)."),
    "iommu": device({"model": enum("IommuModel"), "driver": obj({"intremap": OO, "caching_mode": OO, "eim": OO, "iotlb": OO, "aw_bits": U})}, "An IOMMU."),
    "vsock": device({"model": enum("VirtioModel"), "cid": obj({"auto": YN, "address": U})}, "A vsock device."),
    "lease": EL, "redirfilter": EL, "memory": EL, "crypto": EL, "nvram": EL,
}
devices = {k: (list_of(v) if k != "emulator" else v) for k, v in devices.items()}

hyperv_features = {n: obj({"state": enum("FeatureState")}) for n in ["relaxed", "vapic", "vpindex", "runtime", "synic", "stimer", "reset", "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs", "avic"]}
hyperv_features["spinlocks"] = obj({"state": enum("FeatureState"), "retries": U})
hyperv_features["vendor_id"] = obj({"state": enum("FeatureState"), "value": S})
state = obj({"state": enum("FeatureState")})
features = obj({"acpi": FLAG, "apic": EL, "pae": FLAG, "hap": EL, "privnet": FLAG, "viridian": FLAG, "pvspinlock": state, "pmu": state, "vmport": state,
    "smm": obj({"state": enum("FeatureState"), "tseg": EL}), "ioapic": obj({"driver": enum("IoapicDriver")}), "vmcoreinfo": state, "htm": state, "gic": EL,
    "hyperv": obj({"mode": enum("HypervMode"), **hyperv_features}),
    "kvm": obj({n: state for n in ["hidden", "hint-dedicated", "poll-control", "pv-ipi", "dirty-ring"]})}, description="Hypervisor features.")

domain = obj({
    "type": enum("DomainType"), "id": I, "name": S, "uuid": {"type": "string", "pattern": "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$"},
    "genid": S, "title": S, "description": S, "metadata": {"type": "object", "description": "Application XML, kept verbatim."},
    "maxMemory": obj({"slots": U, "unit": ref("unit"), "_text": U}), "memory": ref("memSize"), "currentMemory": ref("memSize"),
    "blkiotune": EL, "memtune": EL,
    "memoryBacking": obj({"hugepages": {"anyOf": [FLAG, obj({"page": list_of(obj({"size": U, "unit": ref("unit"), "nodeset": S}))})]}, "nosharepages": FLAG, "locked": FLAG,
        "source": obj({"type": enum("MemorySourceType")}), "access": obj({"mode": enum("MemAccess")}), "allocation": obj({"mode": enum("MemoryAllocationMode"), "threads": U}), "discard": FLAG}),
    "vcpu": {"anyOf": [U, obj({"placement": enum("Placement"), "cpuset": S, "current": U, "_text": U}, ["_text"])]},
    "vcpus": EL, "iothreads": U, "iothreadids": EL, "defaultiothread": EL,
    "cputune": obj({"shares": U, "period": U, "quota": I, "global_period": U, "global_quota": I, "emulator_period": U, "emulator_quota": I,
        "iothread_period": U, "iothread_quota": I, "vcpupin": list_of(obj({"vcpu": U, "cpuset": S}, ["vcpu", "cpuset"])), "emulatorpin": obj({"cpuset": S}),
        "iothreadpin": list_of(obj({"iothread": U, "cpuset": S})), "vcpusched": EL, "iothreadsched": EL, "cachetune": EL, "memorytune": EL}),
    "numatune": obj({"memory": obj({"mode": enum("NumaTuneMode"), "nodeset": S, "placement": enum("Placement")}),
        "memnode": list_of(obj({"cellid": U, "mode": enum("NumaTuneMode"), "nodeset": S}))}),
    "resource": obj({"partition": S}),
    "sysinfo": list_of(obj({"type": enum("SysinfoType")})),
    "bootloader": S, "bootloader_args": S,
    "os": obj({"firmware": {"anyOf": [enum("FirmwareKind"), obj({"feature": list_of(obj({"enabled": YN, "name": S}))})],
                            "description": "Firmware autoselection (efi, bios), or the <firmware> feature list (then attributes are under _attr)."},
        "type": text_or({"arch": S, "machine": S}),
        "loader": text_or({"readonly": YN, "secure": YN, "type": enum("LoaderType"), "stateless": YN}), "nvram": text_or({"template": S}),
        "kernel": S, "initrd": S, "cmdline": S, "dtb": S, "boot": list_of(obj({"dev": enum("BootDevice")}, ["dev"])),
        "bootmenu": obj({"enable": YN, "timeout": U}), "smbios": obj({"mode": enum("SmbiosMode")}), "bios": obj({"useserial": YN, "rebootTimeout": I}), "init": S}),
    "idmap": EL, "features": features,
    "cpu": obj({"mode": enum("CpuMode"), "match": enum("CpuMatch"), "check": enum("CpuCheck"), "migratable": OO,
        "model": text_or({"fallback": enum("CpuFallback"), "vendor_id": S}), "vendor": S,
        "topology": obj({"sockets": U, "dies": U, "clusters": U, "cores": U, "threads": U}),
        "feature": list_of(obj({"policy": enum("CpuFeaturePolicy"), "name": S}, ["name"])),
        "numa": obj({"cell": list_of(obj({"id": U, "cpus": S, "memory": U, "unit": ref("unit"), "memAccess": enum("MemAccess"), "discard": YN}))}),
        "cache": EL, "maxphysaddr": EL}),
    "clock": obj({"offset": enum("ClockOffset"), "timezone": S, "adjustment": S, "basis": S, "start": S,
        "timer": list_of(obj({"name": enum("TimerName"), "present": YN, "tickpolicy": enum("TickPolicy"), "track": enum("TimerTrack"), "mode": enum("TimerMode"), "frequency": U}, ["name"]))}),
    "on_poweroff": enum("OffAction"), "on_reboot": enum("OffAction"), "on_crash": enum("LifecycleAction"), "on_lockfailure": enum("LockFailureAction"),
    "pm": obj({"suspend-to-mem": obj({"enabled": YN}), "suspend-to-disk": obj({"enabled": YN})}),
    "perf": EL,
    "devices": obj(devices, description="Devices; each kind is one device or a list of them.", strict=True),
    "seclabel": list_of(obj({"type": enum("SecLabelType"), "model": S, "relabel": YN, "label": S, "imagelabel": S, "baselabel": S})),
    "keywrap": EL, "launchSecurity": EL,
}, required=["type", "name"], description="A libvirt domain.", strict=True)
defs["enum.DomainType"] = {"enum": ["qemu", "kvm", "test", "kqemu", "xen", "lxc", "uml", "openvz", "vmware", "hyperv", "vbox", "phyp", "vz", "bhyve", "hvf"]}
defs["enum.OffAction"] = {"enum": ["destroy", "restart", "preserve", "rename-restart"]}
defs["domain"] = domain

schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:virt:schemas:domain.yaml.schema.json",
    "title": "libvirt domain, YAML form (Virt)",
    "description": "The YAML form of a libvirt domain document (rules in schemas/README.md). Typed where the model has typed views; any other libvirt element is accepted as written.",
    "type": "object", "required": ["domain"], "additionalProperties": False,
    "properties": {"domain": ref("domain")},
    "$defs": dict(sorted(defs.items())),
}
with open(os.path.join(ROOT, 'schemas/domain.yaml.schema.json'), 'w') as f:
    json.dump(schema, f, indent=2)
    f.write('\n')
print('wrote schemas/domain.yaml.schema.json with', len(maps), 'enums')
