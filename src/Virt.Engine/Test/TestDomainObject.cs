using Virt.Api.Domains;
using Virt.Model.Domains;

namespace Virt.Engine.Test;

/// <summary>
/// One domain of the test driver (libvirt's <c>virDomainObj</c>): the definition in effect, the
/// persistent one saved while it runs, its state and flags. Only touched under the state lock.
/// </summary>
internal sealed class TestDomainObject(DomainDefinition def)
{
    /// <summary>The definition in effect: the live one while running, else the persistent one.</summary>
    public DomainDefinition Def { get; set; } = def;

    /// <summary>While running: the persistent definition to restore when the domain stops.</summary>
    public DomainDefinition? NewDef { get; set; }

    public DomainStateInfo State { get; set; } = DomainStateInfo.Of(ShutoffReason.Unknown);
    public int Id { get; private set; } = DomainRef.InactiveId;
    public bool Persistent { get; set; }
    public bool Autostart { get; set; }

    public string Name => Def.Name;
    public Guid Uuid => Def.Uuid ?? Guid.Empty;
    public bool IsActive => Id != DomainRef.InactiveId;

    public DomainRef Ref => new(Name, Uuid, Id);

    /// <summary>libvirt's <c>testDomainStartState</c>: new id, live copy of the persistent definition.</summary>
    public void Start(int id, DomainStateInfo state)
    {
        Id = id;
        Def.Id = id;
        State = state;
        if (Persistent && NewDef is null) NewDef = Def.Clone();
        if (NewDef is not null) NewDef.Id = null;
    }

    /// <summary>libvirt's <c>testDomainShutdownState</c>: shut off, and the persistent definition back in effect.</summary>
    public void Stop(ShutoffReason reason)
    {
        State = DomainStateInfo.Of(reason);
        Id = DomainRef.InactiveId;
        Def.Id = null;
        if (NewDef is not null)
        {
            Def = NewDef;
            NewDef = null;
        }
    }

    /// <summary>libvirt's <c>virDomainObjAssignDef</c>.</summary>
    public void AssignDef(DomainDefinition def, bool live)
    {
        if (IsActive)
        {
            NewDef = def;
        }
        else if (live)
        {
            NewDef ??= Def;
            Def = def;
        }
        else
        {
            Def = def;
        }
    }
}
