namespace TimeActors.Actors;

/// <summary>Maps a child's failure to a <see cref="Directive"/>.</summary>
public interface IDecider
{
    Directive Decide(Exception cause);
}
