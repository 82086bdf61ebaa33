namespace TimeActors.Hosting;

/// <summary>No actor is registered under this key.</summary>
public sealed class MissingActorRegistryEntryException(string message) : KeyNotFoundException(message);
