namespace TimeActors.Service.Hosting;

/// <summary>What a guardian child is; children are created in this order, so each may be handed the ones before it.</summary>
public enum ServiceChildRole
{
    /// <summary>An InterfaceActor: owns an interface's sockets and PHC model.</summary>
    Interface,

    /// <summary>The ClockActor: selection, combining, discipline.</summary>
    Clock,

    /// <summary>A SourceActor: one configured server or pool member.</summary>
    Source,

    /// <summary>A ServerActor: one listen address.</summary>
    Server,
}
