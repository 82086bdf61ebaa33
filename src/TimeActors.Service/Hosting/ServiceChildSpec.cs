using TimeActors.Actors;

namespace TimeActors.Service.Hosting;

/// <summary>
/// One child of the service guardian, as the composition root describes it: a unique name, its role
/// (creation order) and a function from the children already created (by name) to its Props, so a
/// source can be given its interface and clock actors.
/// </summary>
public sealed record ServiceChildSpec(string Name, ServiceChildRole Role, Func<IReadOnlyDictionary<string, IActorRef>, Props> CreateProps);
