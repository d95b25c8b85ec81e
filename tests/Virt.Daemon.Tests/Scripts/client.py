#!/usr/bin/python3
"""python3-libvirt against virtd: every call SPEC c.3 lists, then the read-only refusals.

Usage: client.py URI READ_ONLY_URI DOMAIN_XML_FILE DOMAIN_NAME
Prints "STEP <name>" before each step and "OK" at the end; any failure raises (exit status 1).
"""
import sys
import libvirt

uri, ro_uri, xml_path, name = sys.argv[1:5]


def step(what):
    print("STEP", what, flush=True)


def expect_error(code, call, *args):
    try:
        call(*args)
    except libvirt.libvirtError as e:
        assert e.get_error_code() == code, f"expected error {code}, got {e.get_error_code()}: {e}"
        print("  refused:", e.get_error_code(), e.get_error_message(), flush=True)
        return
    raise AssertionError(f"{call.__name__} was not refused")


libvirt.registerErrorHandler(lambda ctx, err: None, None)  # keep stderr quiet; errors are checked

step("open")
conn = libvirt.open(uri)
assert conn.getType() == "QEMU", conn.getType()
info = conn.getInfo()
print("  node:", info, flush=True)
assert info[0] == "x86_64" and info[1] > 0 and info[2] > 0, info
assert conn.getHostname()

step("listAllDomains (empty)")
assert conn.listAllDomains() == []

step("defineXML")
dom = conn.defineXML(open(xml_path).read())
assert dom.name() == name and dom.ID() == -1, (dom.name(), dom.ID())
uuid = dom.UUIDString()

step("lookups")
assert conn.lookupByName(name).UUIDString() == uuid
assert conn.lookupByUUIDString(uuid).name() == name
assert [d.name() for d in conn.listAllDomains()] == [name]
expect_error(libvirt.VIR_ERR_NO_DOMAIN, conn.lookupByName, "nosuchdomain")

step("info (shut off)")
state, max_mem, mem, vcpus, cpu_time = dom.info()
assert (state, max_mem, mem, vcpus, cpu_time) == (libvirt.VIR_DOMAIN_SHUTOFF, 131072, 131072, 1, 0), dom.info()
assert f"<name>{name}</name>" in dom.XMLDesc()
assert dom.isPersistent() == 1 and dom.isActive() == 0

step("autostart")
assert dom.autostart() == 0
dom.setAutostart(1)
assert dom.autostart() == 1
dom.setAutostart(0)

step("create")
dom.create()
assert dom.ID() > 0, dom.ID()
assert dom.isActive() == 1
assert dom.info()[0] == libvirt.VIR_DOMAIN_RUNNING
assert conn.lookupByID(dom.ID()).name() == name
assert f"id='{dom.ID()}'" in dom.XMLDesc()
expect_error(libvirt.VIR_ERR_OPERATION_INVALID, dom.create)

step("read-only connection")
ro = libvirt.openReadOnly(ro_uri)
rodom = ro.lookupByName(name)
assert rodom.info()[0] == libvirt.VIR_DOMAIN_RUNNING
assert [d.name() for d in ro.listAllDomains()] == [name]
# The library refuses these itself...
expect_error(libvirt.VIR_ERR_OPERATION_DENIED, rodom.destroy)
# ...and the server refuses a client that opened the read-only socket without asking for read-only.
forced = libvirt.open(ro_uri)
fdom = forced.lookupByName(name)
expect_error(libvirt.VIR_ERR_OPERATION_DENIED, fdom.destroy)
expect_error(libvirt.VIR_ERR_OPERATION_DENIED, fdom.suspend)
expect_error(libvirt.VIR_ERR_OPERATION_DENIED, fdom.undefine)
expect_error(libvirt.VIR_ERR_OPERATION_DENIED, forced.defineXML, open(xml_path).read())
expect_error(libvirt.VIR_ERR_OPERATION_DENIED, fdom.XMLDesc, libvirt.VIR_DOMAIN_XML_SECURE)
assert fdom.info()[0] == libvirt.VIR_DOMAIN_RUNNING
forced.close()
ro.close()

step("shutdown (a request: the guest may still be booting)")
dom.shutdown()

step("destroy")
dom.destroy()
assert dom.info()[0] == libvirt.VIR_DOMAIN_SHUTOFF
assert conn.lookupByName(name).ID() == -1
expect_error(libvirt.VIR_ERR_OPERATION_INVALID, dom.destroy)

step("undefine")
dom.undefine()
assert conn.listAllDomains() == []
expect_error(libvirt.VIR_ERR_NO_DOMAIN, conn.lookupByName, name)

step("close")
conn.close()
print("OK", flush=True)
