namespace TimeActors.Simulation;

/// <summary>
/// A leap second of the world's UTC: the servers announce it (leap indicator) from
/// <see cref="AnnounceFromSeconds"/> until it happens, and their clocks apply it at
/// <see cref="AtSeconds"/> (a UTC midnight), as stratum-1 servers fed by GPS would.
/// </summary>
/// <param name="AtSeconds">True time of the midnight it happens at, seconds since the start.</param>
/// <param name="AnnounceFromSeconds">From when servers set the leap indicator, seconds since the start.</param>
/// <param name="Insert">An insertion (23:59:60); false: a deletion.</param>
public sealed record LeapSecondSchedule(double AtSeconds, double AnnounceFromSeconds, bool Insert = true)
{
    /// <summary>UTC minus true (leap-free) time at <paramref name="t"/>: −1 after an insertion, +1 after a deletion.</summary>
    public double UtcMinusTrueAt(double t) => t >= AtSeconds ? (Insert ? -1 : 1) : 0;

    public bool AnnouncedAt(double t) => t >= AnnounceFromSeconds && t < AtSeconds;
}
