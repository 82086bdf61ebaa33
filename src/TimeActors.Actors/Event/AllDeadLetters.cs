namespace TimeActors.Actors;

/// <summary>Base of every "this message reached nobody" event on the <see cref="EventStream"/>.</summary>
public abstract record AllDeadLetters(object Message, IActorRef? Sender, IActorRef Recipient);
