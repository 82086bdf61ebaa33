using TimeActors.Linux;
using TimeActors.Linux.Ptp;
using TimeActors.Service.Network;
using TimeActors.Timing.Hardware;

namespace TimeActors.Service.Tests.Network.Phc;

/// <summary>The reading mode is chosen as chrony chooses it: precise, extended, basic; the first that works stays.</summary>
public sealed class LinuxPhcReaderTests
{
    private const int EOPNOTSUPP = 95;

    [Fact]
    public void A_driver_with_cross_timestamps_is_read_precisely()
    {
        var clock = new ScriptedPtpClock(precise: true, extended: true);
        var reader = new LinuxPhcReader("eth0", clock, () => 1_000, noCrossTimestamp: false);
        var readings = new PhcClockReading[25];
        Assert.Equal(1, reader.Read(readings));
        Assert.Equal(new PhcClockReading(100, 137, 100), readings[0]);
        Assert.Equal(PhcReadingMode.Precise, reader.Mode);
        Assert.Equal(1_000, reader.ReadLinkSpeedMbps());
    }

    [Fact]
    public void Nocrossts_or_a_driver_without_cross_timestamps_uses_extended_readings()
    {
        var readings = new PhcClockReading[25];
        var noPrecise = new ScriptedPtpClock(precise: false, extended: true);
        var reader = new LinuxPhcReader("eth0", noPrecise, () => null, noCrossTimestamp: false);
        Assert.Equal(25, reader.Read(readings));
        Assert.Equal(PhcReadingMode.Extended, reader.Mode);
        Assert.Equal(new PhcClockReading(1_000 + 24, 1_037 + 24, 1_050 + 24), readings[24]);
        Assert.Equal(0, reader.ReadLinkSpeedMbps());

        var withPrecise = new ScriptedPtpClock(precise: true, extended: true);
        reader = new LinuxPhcReader("eth0", withPrecise, () => null, noCrossTimestamp: true);
        Assert.Equal(25, reader.Read(readings));
        Assert.Equal(PhcReadingMode.Extended, reader.Mode);
        Assert.Equal(0, withPrecise.PreciseCalls);
    }

    [Fact]
    public void The_first_mode_that_works_is_kept_and_a_later_failure_is_an_empty_poll()
    {
        var clock = new ScriptedPtpClock(precise: false, extended: false);
        var reader = new LinuxPhcReader("eth0", clock, () => null, noCrossTimestamp: false);
        var readings = new PhcClockReading[10];
        Assert.Equal(10, reader.Read(readings));
        Assert.Equal(PhcReadingMode.Basic, reader.Mode);
        Assert.Equal(1, clock.PreciseCalls);

        clock.BasicFails = true;
        Assert.Equal(0, reader.Read(readings));
        Assert.Equal(EOPNOTSUPP, reader.LastErrno);
        Assert.Equal(PhcReadingMode.Basic, reader.Mode);
        Assert.Equal(1, clock.PreciseCalls); // not tried again
    }

    private sealed class ScriptedPtpClock(bool precise, bool extended) : IPtpClockReadings
    {
        public int PreciseCalls { get; private set; }

        public bool BasicFails { get; set; }

        public PhcReading ReadPrecise()
        {
            PreciseCalls++;
            return precise ? new PhcReading(100, 137, 100) : throw new KernelCallException("ioctl(PTP_SYS_OFFSET_PRECISE)", EOPNOTSUPP);
        }

        public int ReadExtended(Span<PhcReading> readings) => extended ? Fill(readings) : throw new KernelCallException("ioctl(PTP_SYS_OFFSET_EXTENDED)", EOPNOTSUPP);

        public int ReadBasic(Span<PhcReading> readings) => !BasicFails ? Fill(readings) : throw new KernelCallException("ioctl(PTP_SYS_OFFSET)", EOPNOTSUPP);

        private static int Fill(Span<PhcReading> readings)
        {
            for (int i = 0; i < readings.Length; i++)
            {
                readings[i] = new PhcReading(1_000 + i, 1_037 + i, 1_050 + i);
            }

            return readings.Length;
        }
    }
}
