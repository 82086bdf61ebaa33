namespace TimeActors.Linux.Hardware;

/// <summary>
/// The two hardware-timestamping ioctls of one interface, returning errno (0 = success) instead of
/// throwing, so <see cref="HwTimestampSetup"/> can be tested against scripted drivers.
/// </summary>
public interface IHwTimestampControl
{
    /// <summary>SIOCSHWTSTAMP: on success the driver may have widened the config; the actual one is returned.</summary>
    int Set(HwTimestampConfig requested, out HwTimestampConfig actual);

    /// <summary>SIOCGHWTSTAMP: the current config (not implemented by every driver).</summary>
    int Get(out HwTimestampConfig current);
}
