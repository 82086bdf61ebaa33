namespace TimeActors.Actors;

/// <summary>Refs in this process that know whether their actor has stopped.</summary>
internal interface ILocalRef
{
    bool IsTerminated { get; }
}
