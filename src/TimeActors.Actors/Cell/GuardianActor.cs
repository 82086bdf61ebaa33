namespace TimeActors.Actors;

/// <summary>The /user and /system guardians: they only supervise.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected internal override bool Receive(object message) => false;
}
