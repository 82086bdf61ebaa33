namespace TimeActors.Actors;

/// <summary>Replies that say how an operation ended; a <see cref="Failure"/> reply faults an Ask.</summary>
public static class Status
{
    public sealed record Success(object? Result);

    public sealed record Failure(Exception Cause);
}
