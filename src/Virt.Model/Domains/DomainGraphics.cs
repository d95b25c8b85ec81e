using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>Kinds of input device (<c>input/@type</c>).</summary>
public enum InputType { Mouse, Tablet, Keyboard, Passthrough, Evdev }

/// <summary>Input buses (<c>input/@bus</c>).</summary>
public enum InputBus { Ps2, Usb, Xen, Virtio, None }

/// <summary>Display kinds (<c>graphics/@type</c>).</summary>
public enum GraphicsType { Sdl, Vnc, Rdp, Desktop, Spice, EglHeadless, Dbus }

/// <summary>What a graphics listener binds to (<c>listen/@type</c>).</summary>
public enum ListenType { Address, Network, Socket, None }

/// <summary>Video adapter models (<c>video/model/@type</c>).</summary>
public enum VideoModel { Vga, Cirrus, Vmvga, Xen, Vbox, Qxl, Virtio, Gop, None, Bochs, Ramfb }

/// <summary>Sound card models (<c>sound/@model</c>).</summary>
public enum SoundModel { Sb16, Es1370, Pcspk, Ac97, Ich6, Ich7, Ich9, Usb }

/// <summary>Audio backends (<c>audio/@type</c>).</summary>
public enum AudioType { None, Alsa, Coreaudio, Jack, Oss, Pulseaudio, Sdl, Spice, File, Dbus }

public static class InputTypes
{
    public static readonly XmlEnumMap<InputType> Map = new(
        (InputType.Mouse, "mouse"), (InputType.Tablet, "tablet"), (InputType.Keyboard, "keyboard"),
        (InputType.Passthrough, "passthrough"), (InputType.Evdev, "evdev"));
}

public static class InputBuses
{
    public static readonly XmlEnumMap<InputBus> Map = new(
        (InputBus.Ps2, "ps2"), (InputBus.Usb, "usb"), (InputBus.Xen, "xen"), (InputBus.Virtio, "virtio"), (InputBus.None, "none"));
}

public static class GraphicsTypes
{
    public static readonly XmlEnumMap<GraphicsType> Map = new(
        (GraphicsType.Sdl, "sdl"), (GraphicsType.Vnc, "vnc"), (GraphicsType.Rdp, "rdp"), (GraphicsType.Desktop, "desktop"),
        (GraphicsType.Spice, "spice"), (GraphicsType.EglHeadless, "egl-headless"), (GraphicsType.Dbus, "dbus"));
}

public static class ListenTypes
{
    public static readonly XmlEnumMap<ListenType> Map = new(
        (ListenType.Address, "address"), (ListenType.Network, "network"), (ListenType.Socket, "socket"), (ListenType.None, "none"));
}

public static class VideoModels
{
    public static readonly XmlEnumMap<VideoModel> Map = new(
        (VideoModel.Vga, "vga"), (VideoModel.Cirrus, "cirrus"), (VideoModel.Vmvga, "vmvga"), (VideoModel.Xen, "xen"),
        (VideoModel.Vbox, "vbox"), (VideoModel.Qxl, "qxl"), (VideoModel.Virtio, "virtio"), (VideoModel.Gop, "gop"),
        (VideoModel.None, "none"), (VideoModel.Bochs, "bochs"), (VideoModel.Ramfb, "ramfb"));
}

public static class SoundModels
{
    public static readonly XmlEnumMap<SoundModel> Map = new(
        (SoundModel.Sb16, "sb16"), (SoundModel.Es1370, "es1370"), (SoundModel.Pcspk, "pcspk"), (SoundModel.Ac97, "ac97"),
        (SoundModel.Ich6, "ich6"), (SoundModel.Ich7, "ich7"), (SoundModel.Ich9, "ich9"), (SoundModel.Usb, "usb"));
}

public static class AudioTypes
{
    public static readonly XmlEnumMap<AudioType> Map = new(
        (AudioType.None, "none"), (AudioType.Alsa, "alsa"), (AudioType.Coreaudio, "coreaudio"), (AudioType.Jack, "jack"),
        (AudioType.Oss, "oss"), (AudioType.Pulseaudio, "pulseaudio"), (AudioType.Sdl, "sdl"), (AudioType.Spice, "spice"),
        (AudioType.File, "file"), (AudioType.Dbus, "dbus"));
}

/// <summary>An &lt;input&gt; device: mouse, tablet, keyboard.</summary>
public sealed class DomainInput(XElement element) : DomainDevice(element)
{
    public InputType? Type { get => GetEnum(InputTypes.Map, "type"); set => SetEnum(InputTypes.Map, "type", value); }
    public InputBus? Bus { get => GetEnum(InputBuses.Map, "bus"); set => SetEnum(InputBuses.Map, "bus", value); }
    public VirtioModel? Model { get => GetEnum(VirtioModels.Map, "model"); set => SetEnum(VirtioModels.Map, "model", value); }
}

/// <summary>A &lt;graphics&gt; display: VNC, SPICE and friends.</summary>
public sealed class DomainGraphics(XElement element) : DomainDevice(element)
{
    private static readonly string[] Order = ["listen", "channel", "image", "jpeg", "zlib", "playback", "streaming", "mouse", "clipboard", "filetransfer", "gl", "audio"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    public GraphicsType? Type { get => GetEnum(GraphicsTypes.Map, "type"); set => SetEnum(GraphicsTypes.Map, "type", value); }

    /// <summary>TCP port; -1 asks for one to be allocated (with autoport).</summary>
    public int? Port { get => GetInt("port"); set => SetInt("port", value); }
    public int? TlsPort { get => GetInt("tlsPort"); set => SetInt("tlsPort", value); }
    public bool? Autoport { get => GetYesNo("autoport"); set => SetYesNo("autoport", value); }

    /// <summary>The legacy listen address attribute (mirrors the first &lt;listen type='address'&gt;).</summary>
    public string? ListenAddress { get => GetAttr("listen"); set => SetAttr("listen", value); }

    public string? Passwd { get => GetAttr("passwd"); set => SetAttr("passwd", value); }
    public string? PasswdValidTo { get => GetAttr("passwdValidTo"); set => SetAttr("passwdValidTo", value); }
    public string? Keymap { get => GetAttr("keymap"); set => SetAttr("keymap", value); }

    public IEnumerable<GraphicsListen> Listens => ChildViews("listen", e => new GraphicsListen(e));
    public GraphicsListen AddListen(ListenType type) => new(AddChild(new XElement("listen"))) { Type = type };
}

/// <summary>A &lt;listen&gt; of a display.</summary>
public sealed class GraphicsListen(XElement element) : XmlView(element)
{
    public ListenType? Type { get => GetEnum(ListenTypes.Map, "type"); set => SetEnum(ListenTypes.Map, "type", value); }
    public string? Address { get => GetAttr("address"); set => SetAttr("address", value); }
    public string? Network { get => GetAttr("network"); set => SetAttr("network", value); }
    public string? Socket { get => GetAttr("socket"); set => SetAttr("socket", value); }
}

/// <summary>A &lt;video&gt; adapter.</summary>
public sealed class DomainVideo(XElement element) : DomainDevice(element)
{
    private static readonly string[] Order = ["driver", "model", "alias", "address"];
    protected override IReadOnlyList<string> ChildOrder => Order;

    public VideoModel? Model
    {
        get => VideoModels.Map.Parse(GetChildAttr("model", "type"));
        set => SetChildAttr("model", "type", value is null ? null : VideoModels.Map.ToXml(value.Value));
    }

    /// <summary>Video RAM in KiB.</summary>
    public ulong? VramKiB { get => ModelNumber("vram"); set => SetModelNumber("vram", value); }
    public ulong? RamKiB { get => ModelNumber("ram"); set => SetModelNumber("ram", value); }
    public ulong? VgamemKiB { get => ModelNumber("vgamem"); set => SetModelNumber("vgamem", value); }
    public ulong? Heads { get => ModelNumber("heads"); set => SetModelNumber("heads", value); }

    public bool? Primary
    {
        get => XmlValue.ParseYesNo(GetChildAttr("model", "primary"));
        set => SetChildAttr("model", "primary", value is null ? null : value.Value ? "yes" : "no");
    }

    public bool? Accel3d
    {
        get => XmlValue.ParseYesNo(Element.Element("model")?.Element("acceleration").Attr("accel3d"));
        set
        {
            var model = ChildOrAdd("model");
            var accel = model.Element("acceleration") ?? new XElement("acceleration");
            if (accel.Parent is null) model.Add(accel);
            accel.SetAttributeValue("accel3d", value is null ? null : value.Value ? "yes" : "no");
        }
    }

    private ulong? ModelNumber(string name) => XmlValue.ParseULong(GetChildAttr("model", name));
    private void SetModelNumber(string name, ulong? value) => SetChildAttr("model", name, XmlValue.Format(value));
}

/// <summary>A &lt;sound&gt; card.</summary>
public sealed class DomainSound(XElement element) : DomainDevice(element)
{
    public SoundModel? Model { get => GetEnum(SoundModels.Map, "model"); set => SetEnum(SoundModels.Map, "model", value); }

    /// <summary>The &lt;audio id&gt; backend this card plays through (<c>audio/@id</c> inside the sound element).</summary>
    public int? AudioId { get => XmlValue.ParseInt(GetChildAttr("audio", "id")); set => SetChildAttr("audio", "id", XmlValue.Format(value)); }
}

/// <summary>An &lt;audio&gt; backend that sound cards and displays refer to by id.</summary>
public sealed class DomainAudio(XElement element) : DomainDevice(element)
{
    public int? Id { get => GetInt("id"); set => SetInt("id", value); }
    public AudioType? Type { get => GetEnum(AudioTypes.Map, "type"); set => SetEnum(AudioTypes.Map, "type", value); }
}
