namespace TimeActors.Actors;

/// <summary>A behaviour: returns false when it did not handle the message.</summary>
public delegate bool Receive(object message);
