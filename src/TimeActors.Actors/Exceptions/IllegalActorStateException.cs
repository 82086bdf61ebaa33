namespace TimeActors.Actors;

/// <summary>An operation that the actor's current state does not allow (e.g. stashing a message twice).</summary>
public sealed class IllegalActorStateException(string message) : InvalidOperationException(message);
