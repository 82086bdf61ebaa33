namespace TimeActors.Actors;

/// <summary>Answered by every actor, automatically, with <see cref="ActorIdentity"/>.</summary>
public sealed record Identify(object? MessageId);
