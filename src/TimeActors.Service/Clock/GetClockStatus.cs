namespace TimeActors.Service.Clock;

/// <summary>Asks the clock actor for its <see cref="ClockStatus"/>.</summary>
public sealed record GetClockStatus
{
    public static readonly GetClockStatus Instance = new();
}
