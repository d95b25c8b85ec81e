#!/usr/bin/env python3
"""Checks every value of every enum rule in DomainEnumRules against libvirt itself.

For each (path, attribute, map) rule it writes a small domain using each allowed value, plus one
bogus value, and defines them all through libvirt's test driver in one virsh run. It prints the
values libvirt rejects (with libvirt's reason) and bogus values it accepts. A rejection that names
a missing source or a context (a bus the device cannot use) is the template's fault, not the map's.
Last run against libvirt 9.0: every value accepted in context; libvirt accepts any interface driver
name and shmem role, which is why those two rules were dropped.

Usage: python3 tests/Virt.Model.Tests/Tools/libvirt_enum_probe.py
"""
import re, glob, subprocess, os, tempfile
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..'))
src = os.path.join(ROOT, 'src/Virt.Model/Domains/')
os.chdir(tempfile.mkdtemp(prefix='virt-enum-probe-'))
maps={}
for f in glob.glob(src+'*.cs'):
    s=open(f).read()
    for m in re.finditer(r'public static class (\w+)\s*\{\s*public static readonly XmlEnumMap<(\w+)> Map = new\((.*?)\);',s,re.S):
        cls,enum,body=m.groups(); maps[cls]=re.findall(r'\(\w+\.\w+, "([^"]*)"\)',body)
rules=re.findall(r'Add\("([^"]+)", "([^"]+)", (\w+)\.Map',open(src+'DomainEnumRules.cs').read())
# fragments: (top, devices)
def frag(path,attr,v):
    T=lambda x:(x,'')
    D=lambda x:('',x)
    p=path
    if p=='vcpu': return T(f"<vcpu {attr}='{v}'>1</vcpu>")
    if p.startswith('memoryBacking/'): return T(f"<memoryBacking><{p.split('/')[1]} {attr}='{v}'/></memoryBacking>")
    if p=='numatune/memory':
        ns='' if attr=='placement' and v=='auto' else " nodeset='0'"
        return T(f"<numatune><memory {attr}='{v}'{ns}/></numatune>")
    if p=='numatune/memnode': return T(f"<numatune><memnode cellid='0' mode='{v}' nodeset='0'/></numatune><cpu><numa><cell id='0' cpus='0' memory='1024'/></numa></cpu>")
    if p=='sysinfo': return T(f"<sysinfo type='{v}'>"+("<entry name='opt/x'>1</entry>" if v=='fwcfg' else "<bios><entry name='vendor'>x</entry></bios>")+"</sysinfo>")
    if p=='os': return ('@os '+f"{attr}='{v}'",'')
    if p=='os/loader': return ('@osin '+f"<loader {attr}='{v}'>/x.fd</loader>",'')
    if p=='os/boot': return ('@osin '+f"<boot {attr}='{v}'/>",'')
    if p=='os/smbios': return ('@osin '+f"<smbios {attr}='{v}'/>"+("" if v!='sysinfo' else ""),'')
    if p=='features/hyperv': return T(f"<features><hyperv {attr}='{v}'/></features>")
    if p=='features/hyperv/*': return T(f"<features><hyperv><relaxed state='{v}'/></hyperv></features>")
    if p=='features/kvm/*': return T(f"<features><kvm><hidden state='{v}'/></kvm></features>")
    if p.startswith('features/'): return T(f"<features><{p.split('/')[1]} {attr}='{v}'/></features>")
    if p=='cpu': return T(f"<cpu {attr}='{v}'><model>qemu64</model></cpu>" if attr!='mode' else f"<cpu mode='{v}'/>")
    if p=='cpu/model': return T(f"<cpu><model {attr}='{v}'>qemu64</model></cpu>")
    if p=='cpu/feature': return T(f"<cpu><model>qemu64</model><feature {attr}='{v}' name='vmx'/></cpu>")
    if p=='cpu/numa/cell': return T(f"<cpu><numa><cell id='0' cpus='0' memory='1024' {attr}='{v}'/></numa></cpu>")
    if p=='clock': return T(f"<clock {attr}='{v}'"+(" timezone='Europe/Paris'" if v=='timezone' else "")+(" start='0'" if v=='absolute' else '')+"/>")
    if p=='clock/timer': 
        if attr=='name': return T(f"<clock offset='utc'><timer name='{v}'/></clock>")
        if attr=='track': return T(f"<clock offset='utc'><timer name='rtc' track='{v}'/></clock>")
        if attr=='mode': return T(f"<clock offset='utc'><timer name='tsc' mode='{v}'/></clock>")
        return T(f"<clock offset='utc'><timer name='rtc' {attr}='{v}'/></clock>")
    if p=='seclabel': return ('@tail '+f"<seclabel type='{v}' model='dac'"+("" if v!='static' else "")+">"+("<label>1:1</label>" if v=='static' else "")+"</seclabel>",'')
    if p=='devices/*/address':
        if v=='unassigned': return D(f"<hostdev mode='subsystem' type='pci'><source><address domain='0' bus='1' slot='0' function='0'/></source><address type='{v}'/></hostdev>")
        if v=='dimm': return D(f"<memory model='dimm'><target><size unit='KiB'>1024</size><node>0</node></target><address type='dimm' slot='0'/></memory>")
        return D(f"<disk type='file'><source file='/x'/><target dev='vda'/><address type='{v}'/></disk>")
    if p=='devices/disk':
        if attr=='type':
            src={'file':"<source file='/x'/>",'block':"<source dev='/dev/x'/>",'dir':"<source dir='/x'/>",'network':"<source protocol='nbd' name='x'><host name='h'/></source>",'volume':"<source pool='p' volume='v'/>",'nvme':"<source type='pci' managed='yes' namespace='1'><address domain='0' bus='1' slot='0' function='0'/></source>",'vhostuser':"<source type='unix' path='/x'/>"}.get(v,"<source file='/x'/>")
            extra = "<driver name='qemu' type='raw'/>" if v=='vhostuser' else ''
            return D(f"<disk type='{v}'>{extra}{src}<target dev='vda'/></disk>")
        if attr=='device':
            if v=='floppy': return D(f"<disk type='file' device='floppy'><source file='/x'/><target dev='fda'/></disk>")
            if v=='lun': return D(f"<disk type='block' device='lun'><source dev='/dev/x'/><target dev='sda'/></disk>")
        return D(f"<disk type='file' {attr}='{v}'><source file='/x'/><target dev='vda'/></disk>")
    if p.startswith('devices/disk/'):
        sub=p.split('/')[2]
        if sub=='target':
            if attr=='tray': return D(f"<disk type='file' device='cdrom'><source file='/x'/><target dev='hdc' {attr}='{v}'/></disk>")
            dev={'fdc':'fda','ide':'hda','scsi':'sda','sata':'sda','xen':'xvda','uml':'ubda','usb':'sda','sd':'sda'}.get(v,'vda')
            return D(f"<disk type='file'><source file='/x'/><target dev='{dev}' {attr}='{v}'/></disk>")
        if sub=='source' and attr=='protocol': return D(f"<disk type='network'><source protocol='{v}' name='x/y'><host name='h'/></source><target dev='vda'/></disk>")
        if sub=='source': return D(f"<disk type='file' device='cdrom'><source file='/x' {attr}='{v}'/><target dev='hdc'/></disk>")
        return D(f"<disk type='file'><{sub} {attr}='{v}'/><source file='/x'/><target dev='vda'/></disk>")
    if p=='devices/controller': return D(f"<controller type='{v}'/>")
    if p=='devices/interface':
        src={'network':"<source network='default'/>",'bridge':"<source bridge='br0'/>",'direct':"<source dev='eth0'/>",'hostdev':"<source><address type='pci' domain='0' bus='1' slot='0' function='0'/></source>",'mcast':"<source address='230.0.0.1' port='5558'/>",'server':"<source address='127.0.0.1' port='5558'/>",'client':"<source address='127.0.0.1' port='5558'/>",'udp':"<source address='127.0.0.1' port='5558'><local address='127.0.0.1' port='5559'/></source>",'vhostuser':"<source type='unix' path='/x' mode='server'/><model type='virtio'/>",'internal':"<source name='x'/>",'vdpa':"<source dev='/dev/vhost-vdpa-0'/>",'vds':"<source><switch uuid='6695eb01-f6a4-8304-79aa-97f2502e193f' portid='1' connectionid='1'/></source>"}.get(v,'')
        return D(f"<interface type='{v}'>{src}</interface>")
    if p.startswith('devices/interface/'): return D(f"<interface type='user'><{p.split('/')[2]} {attr}='{v}'/></interface>")
    m=re.match(r'devices/(serial|console|parallel|channel)(/protocol)?$',p)
    if m:
        k=m.group(1); tgt="<target type='virtio' name='x.y'/>" if k=='channel' else ""
        if m.group(2): return D(f"<{k} type='tcp'><source mode='bind' host='127.0.0.1' service='1'/><protocol type='{v}'/>{tgt}</{k}>")
        return D(f"<{k} type='{v}'>{tgt}</{k}>")
    if p=='devices/input':
        if attr=='type' and v=='passthrough': return D("<input type='passthrough' bus='virtio'><source evdev='/dev/input/event1'/></input>")
        if attr=='type' and v=='evdev': return D("<input type='evdev'><source dev='/dev/input/event1'/></input>")
        if attr=='bus': return D(f"<input type='{'tablet' if v in ('usb','virtio') else 'mouse'}' bus='{v}'/>")
        return D(f"<input type='{v}' bus='usb'/>" if attr=='type' else f"<input type='tablet' bus='virtio' model='{v}'/>")
    if p=='devices/graphics': return D(f"<graphics type='{v}'/>")
    if p=='devices/graphics/listen': return D(f"<graphics type='vnc'><listen type='{v}'" + (" network='default'" if v=='network' else '') + "/></graphics>")
    if p=='devices/video/model': return D(f"<video><model type='{v}'/></video>")
    if p=='devices/sound': return D(f"<sound model='{v}'/>")
    if p=='devices/audio': return D(f"<audio id='1' type='{v}'/>")
    if p=='devices/hostdev':
        if attr=='mode':
            if v=='capabilities': return D("<hostdev mode='capabilities' type='misc'><source><char>/dev/null</char></source></hostdev>")
            return D(f"<hostdev mode='{v}' type='pci'><source><address domain='0' bus='1' slot='0' function='0'/></source></hostdev>")
        src={'usb':"<source><vendor id='0x1'/><product id='0x2'/></source>",'pci':"<source><address domain='0' bus='1' slot='0' function='0'/></source>",'scsi':"<source><adapter name='scsi_host0'/><address bus='0' target='0' unit='0'/></source>",'scsi_host':"<source protocol='vhost' wwpn='naa.5123456789abcde0'/>",'mdev':"<source><address uuid='c2177883-f1bb-47f0-914d-32a22e3a8804'/></source>",'storage':"<source><block>/dev/sda</block></source>",'misc':"<source><char>/dev/null</char></source>",'net':"<source><interface>eth0</interface></source>"}.get(v,'')
        mode='capabilities' if v in ('storage','misc','net') else 'subsystem'
        model=" model='vfio-pci'" if v=='mdev' else ''
        return D(f"<hostdev mode='{mode}' type='{v}'{model}>{src}</hostdev>")
    if p=='devices/hostdev/driver': return D(f"<hostdev mode='subsystem' type='pci'><driver name='{v}'/><source><address domain='0' bus='1' slot='0' function='0'/></source></hostdev>")
    if p=='devices/redirdev': return D(f"<controller type='usb' model='qemu-xhci'/><redirdev bus='usb' type='{v}'/>")
    if p=='devices/smartcard':
        if v=='host-certificates': return D("<smartcard mode='host-certificates'><certificate>a</certificate><certificate>b</certificate><certificate>c</certificate></smartcard>")
        if v=='passthrough': return D("<smartcard mode='passthrough' type='spicevmc'/>")
        return D(f"<smartcard mode='{v}'/>")
    if p=='devices/watchdog': return D(f"<watchdog {attr}='{v}'"+(" model='i6300esb'" if attr=='action' else "")+"/>")
    if p=='devices/memballoon': return D(f"<memballoon model='{v}'/>")
    if p=='devices/rng': return D(f"<rng model='{v}'><backend model='random'>/dev/urandom</backend></rng>")
    if p=='devices/rng/backend': return D(f"<rng model='virtio'><backend model='{v}'" + (" type='udp'><source mode='connect' host='1.2.3.4' service='1234'/></backend>" if v=='egd' else "/>") + "</rng>")
    if p=='devices/tpm': return D(f"<tpm model='{v}'><backend type='emulator'/></tpm>")
    if p=='devices/tpm/backend': return D(f"<tpm model='tpm-tis'><backend type='{v}'>" + ("<source type='unix' mode='connect' path='/x'/>" if v=='external' else '') + "</backend></tpm>")
    if p=='devices/filesystem':
        if attr=='type':
            src={'block':"<source dev='/dev/x'/>",'file':"<source file='/x'/>",'template':"<source name='t'/>",'ram':"<source usage='1024'/>"}.get(v,"<source dir='/tmp'/>")
            return D(f"<filesystem type='{v}'>{src}<target dir='t'/></filesystem>")
        return D(f"<filesystem {attr}='{v}'><source dir='/tmp'/><target dir='t'/></filesystem>")
    if p=='devices/filesystem/driver': return D(f"<filesystem><driver type='{v}'/><source dir='/tmp'/><target dir='t'/></filesystem>")
    if p=='devices/panic': return D(f"<panic model='{v}'/>")
    if p=='devices/shmem': return D(f"<shmem name='s' role='{v}'/>")
    if p=='devices/shmem/model': return D(f"<shmem name='s'><model type='{v}'/></shmem>")
    if p=='devices/iommu': return D(f"<iommu model='{v}'/>")
    if p=='devices/vsock': return D(f"<vsock model='{v}'/>")
    return None
docs=[]
i=0
for path,attr,cls in rules:
    for v in maps[cls]+['bogus-value']:
        fr=frag(path,attr,v)
        if fr is None: print('NO TEMPLATE',path,attr); break
        top,dev=fr; osattr=''; osin=''; tail=''
        if top.startswith('@os '): osattr=' '+top[4:]; top=''
        elif top.startswith('@osin '): osin=top[6:]; top=''
        elif top.startswith('@tail '): tail=top[6:]; top=''
        i+=1; name=f'p{i}'
        xml=f"<domain type='test'><name>{name}</name><memory>1024</memory>{top}<os{osattr}><type>hvm</type>{osin}</os><devices>{dev}</devices>{tail}</domain>"
        fn=f'{name}.xml'; open(fn,'w').write(xml); docs.append((fn,path,attr,v))
cmd='; '.join(f'define {fn}' for fn,*_ in docs)
out=subprocess.run(['virsh','-c','test:///default',cmd],capture_output=True,text=True)
# parse: each define prints "Domain 'x' defined" or "error: Failed to define domain from X\nerror: msg"
res={}
lines=(out.stdout+out.stderr)
okset=set(re.findall(r"Domain '(p\d+)' defined",out.stdout))
errs=re.findall(r"error: Failed to define domain from (p\d+)\.xml\nerror: (.*)",out.stderr)
errmap=dict(errs)
for fn,path,attr,v in docs:
    n=fn[:-4]; ok=n in okset
    if (v=='bogus-value')==ok or not ok and v!='bogus-value':
        print(('ACCEPTS BOGUS ' if ok else 'REJECTS ')+f'{path}@{attr}={v}', '' if ok else errmap.get(n,'?'))
print(len(docs),'probes')
