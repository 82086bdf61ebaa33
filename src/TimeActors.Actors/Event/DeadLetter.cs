namespace TimeActors.Actors;

/// <summary>A message sent to an actor that had stopped (or to <c>DeadLetters</c> directly).</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient) : AllDeadLetters(Message, Sender, Recipient);
