namespace TimeActors.Actors;

/// <summary>A user message with its sender, as it sits in a mailbox or a stash.</summary>
public readonly record struct Envelope(object Message, IActorRef? Sender);
