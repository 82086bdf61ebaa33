namespace TimeActors.Actors;

/// <summary>
/// <c>Tell(message)</c> with the implicit sender: the current actor inside an actor, otherwise the
/// ambient sender a test set (the TestKit's TestActor), otherwise no sender.
/// </summary>
public static class ActorRefImplicitSenderExtensions
{
    public static void Tell(this ICanTell receiver, object message) => receiver.Tell(message, ImplicitSender.Current);

    /// <summary>Sends on with the sender of the message being processed kept.</summary>
    public static void Forward(this ICanTell receiver, object message) => receiver.Tell(message, ImplicitSender.CurrentMessageSender);
}
