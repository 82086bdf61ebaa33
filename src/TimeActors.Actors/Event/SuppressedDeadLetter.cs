namespace TimeActors.Actors;

/// <summary>A dead letter that was expected (see <see cref="IDeadLetterSuppression"/>); never logged.</summary>
public sealed record SuppressedDeadLetter(object Message, IActorRef? Sender, IActorRef Recipient) : AllDeadLetters(Message, Sender, Recipient);
