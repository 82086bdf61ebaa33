namespace TimeActors.Timing.Hardware;

/// <summary>
/// An immutable PHC-to-system fit: system = <see cref="SystemRefNs"/> + <see cref="InterceptNs"/> +
/// <see cref="Slope"/> · (phc − <see cref="PhcRefNs"/>), valid within <see cref="ErrorNs"/>. The model
/// publishes a new one per change, so converting threads never see half an update.
/// </summary>
internal sealed record PhcFit(long PhcRefNs, long SystemRefNs, double InterceptNs, double Slope, double ErrorNs)
{
    /// <summary>System time minus <see cref="SystemRefNs"/> at PHC time <paramref name="phcNs"/> + <paramref name="extraNs"/>.</summary>
    /// <remarks>The difference is taken in integers first: a double holds an epoch-scale time only to 256 ns.</remarks>
    public double ToSystemOffsetNs(long phcNs, double extraNs = 0) => InterceptNs + (Slope * ((phcNs - PhcRefNs) + extraNs));
}
