namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// The tests running our service against chronyd and ntpdig run one at a time: the offset figures
/// they report would otherwise measure the other tests' CPU load on the shared machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealPeersCollection
{
    public const string Name = "service against real peers";
}
