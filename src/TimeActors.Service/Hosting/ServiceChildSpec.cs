using TimeActors.Actors;
using TimeActors.Service.Messages;

namespace TimeActors.Service.Hosting;

/// <summary>
/// One child of the service guardian, as the composition root describes it: a unique name, its role
/// (creation order) and a function from the children already created (by name) to its Props, so a
/// source can be given its interface and clock actors.
/// </summary>
public sealed record ServiceChildSpec(string Name, ServiceChildRole Role, Func<IReadOnlyDictionary<string, IActorRef>, Props> CreateProps)
{
    /// <summary>What the guardian asks this child for its status (e.g. the clock actor's own query); null: not asked.</summary>
    public object? StatusQuery { get; init; } = GetStatus.Instance;

    /// <summary>
    /// Turns the child's reply into what <see cref="StatusAggregator"/> understands (a TrackingReport,
    /// a ServiceStatus, SourceReport(s) or a ServerReport); null uses the reply as it is.
    /// </summary>
    public Func<object, object?>? MapStatusReply { get; init; }
}
