namespace TimeActors.Actors;

/// <summary>An Ask got no answer in time, or its recipient was already dead.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);
