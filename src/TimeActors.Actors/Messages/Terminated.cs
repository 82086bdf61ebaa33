namespace TimeActors.Actors;

/// <summary>
/// Delivered to a watcher when the watched actor has stopped. Not handling it fails the watcher with
/// <see cref="DeathPactException"/>.
/// </summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed) : IDeadLetterSuppression;
