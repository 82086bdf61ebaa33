namespace TimeActors.Actors;

/// <summary>Marks messages the kernel handles itself before the actor's behaviour sees them.</summary>
internal interface IAutoReceivedMessage
{
}
