using TimeActors.Linux.Ptp;

namespace TimeActors.Service.Network;

/// <summary>An open /dev/ptpN as <see cref="IPtpClockReadings"/>; owns (disposes) the clock.</summary>
public sealed class PtpClockReadings(PtpClock clock) : IPtpClockReadings, IDisposable
{
    public string Path => clock.Path;

    public PhcReading ReadPrecise() => clock.ReadPrecise();

    public int ReadExtended(Span<PhcReading> readings) => clock.ReadExtended(readings);

    public int ReadBasic(Span<PhcReading> readings) => clock.ReadBasic(readings);

    public void Dispose() => clock.Dispose();
}
