namespace TimeActors.Actors;

/// <summary>A message that cannot be sent (null).</summary>
public sealed class InvalidMessageException(string message) : ArgumentException(message);
