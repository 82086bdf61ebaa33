using TimeActors.Actors;

namespace TimeActors.Hosting;

internal sealed class RequiredActor<TKey>(IReadOnlyActorRegistry registry) : IRequiredActor<TKey>
{
    public IActorRef ActorRef => registry.TryGet<TKey>(out var actor) ? actor : registry.GetAsync<TKey>().GetAwaiter().GetResult();

    public Task<IActorRef> GetAsync(CancellationToken cancellationToken = default) => registry.GetAsync<TKey>(cancellationToken);
}
