using System.Xml.Linq;
using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>How the guest clock relates to the host's (<c>clock/@offset</c>).</summary>
public enum ClockOffset { Utc, Localtime, Timezone, Variable, Absolute }

/// <summary>Guest timers (<c>timer/@name</c>).</summary>
public enum TimerName { Platform, Pit, Rtc, Hpet, Tsc, Kvmclock, Hypervclock, Armvtimer }

/// <summary>What to do with missed ticks (<c>timer/@tickpolicy</c>).</summary>
public enum TickPolicy { Delay, Catchup, Merge, Discard }

/// <summary>What an RTC tracks (<c>timer/@track</c>).</summary>
public enum TimerTrack { Boot, Guest, Wall, Realtime }

/// <summary>TSC modes (<c>timer/@mode</c>).</summary>
public enum TimerMode { Auto, Native, Emulate, Paravirt, Smpsafe }

public static class ClockOffsets
{
    public static readonly XmlEnumMap<ClockOffset> Map = new(
        (ClockOffset.Utc, "utc"), (ClockOffset.Localtime, "localtime"), (ClockOffset.Timezone, "timezone"),
        (ClockOffset.Variable, "variable"), (ClockOffset.Absolute, "absolute"));
}

public static class TimerNames
{
    public static readonly XmlEnumMap<TimerName> Map = new(
        (TimerName.Platform, "platform"), (TimerName.Pit, "pit"), (TimerName.Rtc, "rtc"), (TimerName.Hpet, "hpet"), (TimerName.Tsc, "tsc"),
        (TimerName.Kvmclock, "kvmclock"), (TimerName.Hypervclock, "hypervclock"), (TimerName.Armvtimer, "armvtimer"));
}

public static class TickPolicies
{
    public static readonly XmlEnumMap<TickPolicy> Map = new(
        (TickPolicy.Delay, "delay"), (TickPolicy.Catchup, "catchup"), (TickPolicy.Merge, "merge"), (TickPolicy.Discard, "discard"));
}

public static class TimerTracks
{
    public static readonly XmlEnumMap<TimerTrack> Map = new(
        (TimerTrack.Boot, "boot"), (TimerTrack.Guest, "guest"), (TimerTrack.Wall, "wall"), (TimerTrack.Realtime, "realtime"));
}

public static class TimerModes
{
    public static readonly XmlEnumMap<TimerMode> Map = new(
        (TimerMode.Auto, "auto"), (TimerMode.Native, "native"), (TimerMode.Emulate, "emulate"), (TimerMode.Paravirt, "paravirt"),
        (TimerMode.Smpsafe, "smpsafe"));
}

/// <summary>The &lt;clock&gt; element and its timers.</summary>
public sealed class DomainClock(XElement element) : XmlView(element)
{
    public ClockOffset? Offset { get => GetEnum(ClockOffsets.Map, "offset"); set => SetEnum(ClockOffsets.Map, "offset", value); }

    /// <summary>The zone of offset='timezone' (<c>Europe/Paris</c>).</summary>
    public string? Timezone { get => GetAttr("timezone"); set => SetAttr("timezone", value); }

    /// <summary>Seconds of adjustment for offset='variable' (or 'reset' for utc/localtime).</summary>
    public string? Adjustment { get => GetAttr("adjustment"); set => SetAttr("adjustment", value); }

    /// <summary>The basis of offset='variable': utc or localtime.</summary>
    public string? Basis { get => GetAttr("basis"); set => SetAttr("basis", value); }

    public IEnumerable<ClockTimer> Timers => ChildViews("timer", e => new ClockTimer(e));

    public ClockTimer AddTimer(TimerName name) => new(AddChild(new XElement("timer", new XAttribute("name", TimerNames.Map.ToXml(name)))));
}

/// <summary>A &lt;timer&gt; of the clock.</summary>
public sealed class ClockTimer(XElement element) : XmlView(element)
{
    public TimerName? Name { get => GetEnum(TimerNames.Map, "name"); set => SetEnum(TimerNames.Map, "name", value); }
    public bool? Present { get => GetYesNo("present"); set => SetYesNo("present", value); }
    public TickPolicy? TickPolicy { get => GetEnum(TickPolicies.Map, "tickpolicy"); set => SetEnum(TickPolicies.Map, "tickpolicy", value); }
    public TimerTrack? Track { get => GetEnum(TimerTracks.Map, "track"); set => SetEnum(TimerTracks.Map, "track", value); }
    public TimerMode? Mode { get => GetEnum(TimerModes.Map, "mode"); set => SetEnum(TimerModes.Map, "mode", value); }
    public ulong? Frequency { get => GetULong("frequency"); set => SetULong("frequency", value); }
}
