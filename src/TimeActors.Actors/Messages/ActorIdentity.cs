namespace TimeActors.Actors;

/// <summary>The answer to <see cref="Identify"/>; <see cref="Subject"/> is null when the actor does not exist.</summary>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);
