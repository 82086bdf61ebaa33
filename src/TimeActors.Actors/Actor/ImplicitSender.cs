namespace TimeActors.Actors;

/// <summary>Where <c>Tell(message)</c> takes its sender from.</summary>
public static class ImplicitSender
{
    private static readonly AsyncLocal<IActorRef?> Ambient = new();

    /// <summary>The current actor's Self, or the ambient sender outside actors.</summary>
    public static IActorRef? Current => ActorCell.Current?.Self ?? Ambient.Value;

    /// <summary>The sender of the message the current actor is processing.</summary>
    public static IActorRef? CurrentMessageSender => ActorCell.Current is { } cell ? cell.CurrentSender : Ambient.Value;

    /// <summary>Sets the sender used outside actors in this async flow (the TestKit sets its TestActor).</summary>
    public static void SetAmbient(IActorRef? sender) => Ambient.Value = sender;
}
