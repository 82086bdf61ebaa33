namespace TimeActors.Actors;

/// <summary>An operation on an actor system that has been terminated.</summary>
public sealed class ActorSystemTerminatedException(string systemName)
    : InvalidOperationException($"Actor system '{systemName}' is terminated");
