namespace TimeActors.Hosting;

/// <summary>An actor is already registered under this key.</summary>
public sealed class DuplicateActorRegistryException(string message) : InvalidOperationException(message);
