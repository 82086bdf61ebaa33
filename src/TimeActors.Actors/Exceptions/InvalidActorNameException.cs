namespace TimeActors.Actors;

/// <summary>An actor name with forbidden characters, or one already taken by a sibling.</summary>
public sealed class InvalidActorNameException(string message) : ArgumentException(message);
