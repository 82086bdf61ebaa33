using TimeActors.Actors;

namespace TimeActors.Hosting.Tests;

public sealed class ActorRegistryTests : Actors.TestKit.TestKit
{
    [Fact]
    public void Register_rejects_a_duplicate_key_unless_told_to_overwrite()
    {
        var registry = new ActorRegistry();
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        registry.Register<ActorRegistryTests>(first);

        Assert.Throws<DuplicateActorRegistryException>(() => registry.Register<ActorRegistryTests>(second));
        Assert.False(registry.TryRegister<ActorRegistryTests>(second));
        registry.Register<ActorRegistryTests>(second, overwrite: true);
        Assert.Equal(second.Ref, registry.Get<ActorRegistryTests>());
    }

    [Fact]
    public void Get_of_a_missing_key_throws_and_TryGet_gives_Nobody()
    {
        var registry = new ActorRegistry();

        Assert.Throws<MissingActorRegistryEntryException>(() => registry.Get<ActorRegistryTests>());
        Assert.False(registry.TryGet<ActorRegistryTests>(out var nobody));
        Assert.Equal(ActorRefs.Nobody, nobody);
    }

    [Fact]
    public async Task GetAsync_waits_for_a_later_registration_and_can_be_cancelled()
    {
        var registry = new ActorRegistry();
        var waiting = registry.GetAsync<ActorRegistryTests>();
        Assert.False(waiting.IsCompleted);

        registry.Register<ActorRegistryTests>(TestActor);

        Assert.Equal(TestActor, await waiting.WaitAsync(TimeSpan.FromSeconds(3)));
        using var cancel = new CancellationTokenSource();
        var never = registry.GetAsync<string>(cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => never);
    }
}
