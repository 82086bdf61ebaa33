namespace TimeActors.Service.Telemetry;

/// <summary>
/// The composition root tells telemetry about the interfaces and sources it created: the interfaces
/// to read, and which interface each source (by name and address as reported) sends from.
/// </summary>
public interface IInterfaceProbeSource
{
    IReadOnlyList<InterfaceProbe> InterfaceProbes { get; }

    /// <summary>Interface label of each source, keyed by (name, address) as its SourceReport has them.</summary>
    IReadOnlyDictionary<(string Name, string? Address), string> SourceInterfaces { get; }
}
