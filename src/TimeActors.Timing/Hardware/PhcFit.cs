namespace TimeActors.Timing.Hardware;

/// <summary>
/// An immutable PHC-to-system fit: system = <see cref="SystemRefNs"/> + <see cref="InterceptNs"/> +
/// <see cref="Slope"/> · (phc − <see cref="PhcRefNs"/>), valid within <see cref="ErrorNs"/>. The model
/// publishes a new one per change, so converting threads never see half an update.
/// </summary>
internal sealed record PhcFit(long PhcRefNs, long SystemRefNs, double InterceptNs, double Slope, double ErrorNs)
{
    public double ToSystemOffsetNs(double phcNs) => InterceptNs + (Slope * (phcNs - PhcRefNs));
}
