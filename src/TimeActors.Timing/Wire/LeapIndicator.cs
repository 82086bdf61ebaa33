namespace TimeActors.Timing.Wire;

/// <summary>The two LI bits of the NTP header (RFC 5905 figure 9).</summary>
public enum LeapIndicator : byte
{
    NoWarning = 0,
    InsertSecond = 1,
    DeleteSecond = 2,

    /// <summary>The sender's clock is not synchronised (alarm condition).</summary>
    Unsynchronized = 3,
}
