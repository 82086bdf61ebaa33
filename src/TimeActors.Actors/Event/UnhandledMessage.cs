namespace TimeActors.Actors;

/// <summary>A message that no behaviour of its recipient handled.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);
