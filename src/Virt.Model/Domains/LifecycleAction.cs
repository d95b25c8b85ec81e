using Virt.Model.Xml;

namespace Virt.Model.Domains;

/// <summary>What happens on guest poweroff/reboot/crash (<c>on_poweroff</c>, <c>on_reboot</c>, <c>on_crash</c>).</summary>
public enum LifecycleAction { Destroy, Restart, RenameRestart, Preserve, CoredumpDestroy, CoredumpRestart }

public static class LifecycleActions
{
    public static readonly XmlEnumMap<LifecycleAction> Map = new(
        (LifecycleAction.Destroy, "destroy"),
        (LifecycleAction.Restart, "restart"),
        (LifecycleAction.RenameRestart, "rename-restart"),
        (LifecycleAction.Preserve, "preserve"),
        (LifecycleAction.CoredumpDestroy, "coredump-destroy"),
        (LifecycleAction.CoredumpRestart, "coredump-restart"));
}
