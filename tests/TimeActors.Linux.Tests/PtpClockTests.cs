using TimeActors.Linux.Ptp;

namespace TimeActors.Linux.Tests;

public sealed class PtpClockTests
{
    [Fact]
    public void Capabilities_decode_from_kernel_bytes()
    {
        var bytes = new KernelBytes().I32(1_000_000).I32(0).I32(2).I32(1).I32(1).I32(4).I32(1).I32(0).I32(32_767).Zeros(44).ToArray();
        Assert.Equal(PtpClockCapabilities.Size, bytes.Length);

        var caps = PtpClockCapabilities.Read(bytes);
        Assert.Equal(new PtpClockCapabilities(1_000_000, 0, 2, 1, true, 4, true, false, 32_767), caps);
    }

    [Fact]
    public void Basic_sys_offset_pairs_interleaved_reads()
    {
        // n=2: ts = sys0, phc0, sys1, phc1, sys2.
        var bytes = new KernelBytes().U32(2).Zeros(12)
            .Raw(Time(100, 0)).Raw(Time(5, 500)).Raw(Time(100, 1000)).Raw(Time(5, 1600)).Raw(Time(100, 2100))
            .Zeros(PtpCodec.SysOffsetSize - 16 - (5 * 16)).ToArray();
        Assert.Equal(PtpCodec.SysOffsetSize, bytes.Length);

        Span<PhcReading> readings = stackalloc PhcReading[25];
        Assert.Equal(2, PtpCodec.ReadSysOffset(bytes, readings));
        Assert.Equal(new PhcReading(100_000_000_000, 5_000_000_500, 100_000_001_000), readings[0]);
        Assert.Equal(new PhcReading(100_000_001_000, 5_000_001_600, 100_000_002_100), readings[1]);
        Assert.Equal(1000, readings[0].DelayNs);
        Assert.Equal(5_000_000_500 - 100_000_000_500, readings[0].OffsetNs);
    }

    [Fact]
    public void Extended_sys_offset_reads_triples()
    {
        var bytes = new KernelBytes().U32(2).U32(0).Zeros(8)
            .Raw(Time(10, 1)).Raw(Time(20, 2)).Raw(Time(10, 41))
            .Raw(Time(10, 100)).Raw(Time(20, 120)).Raw(Time(10, 130))
            .Zeros(PtpCodec.SysOffsetExtendedSize - 16 - (6 * 16)).ToArray();
        Assert.Equal(PtpCodec.SysOffsetExtendedSize, bytes.Length);

        Span<PhcReading> readings = stackalloc PhcReading[25];
        Assert.Equal(2, PtpCodec.ReadSysOffsetExtended(bytes, readings));
        Assert.Equal(new PhcReading(10_000_000_001, 20_000_000_002, 10_000_000_041), readings[0]);
        Assert.Equal(30, readings[1].DelayNs);
    }

    [Fact]
    public void Precise_sys_offset_is_a_zero_delay_cross_timestamp()
    {
        var bytes = new KernelBytes().Raw(Time(37, 5)).Raw(Time(1_700_000_000, 999_999_999)).Raw(Time(4, 4)).Zeros(16).ToArray();
        Assert.Equal(PtpCodec.SysOffsetPreciseSize, bytes.Length);

        var reading = PtpCodec.ReadSysOffsetPrecise(bytes);
        Assert.Equal(37_000_000_005, reading.PhcNs);
        Assert.Equal(1_700_000_000_999_999_999, reading.SystemBeforeNs);
        Assert.Equal(0, reading.DelayNs);
    }

    [Fact]
    public void Sample_request_sets_n_samples_and_clears_the_rest()
    {
        var buffer = Enumerable.Repeat((byte)0xAA, PtpCodec.SysOffsetExtendedSize).ToArray();
        PtpCodec.WriteSampleRequest(buffer, 10);
        Assert.Equal(10u, BitConverter.ToUInt32(buffer));
        Assert.All(buffer[4..], b => Assert.Equal(0, b));
        Assert.Throws<ArgumentOutOfRangeException>(() => PtpCodec.WriteSampleRequest(buffer, 26));
    }

    [Theory]
    [InlineData(3, -29)]
    [InlineData(0, -5)]
    [InlineData(100, -805)]
    public void Dynamic_clock_id_follows_fd_to_clockid(int fd, int expected) =>
        Assert.Equal(expected, KernelClocks.DynamicClockId(fd)); // ((~fd) << 3) | CLOCKFD(3)

    [Fact]
    public void Missing_phc_device_is_a_clear_error()
    {
        Assert.False(File.Exists("/dev/ptp99"));
        var error = Assert.Throws<KernelCallException>(() => PtpClock.Open(99));
        Assert.Equal(2, error.Errno); // ENOENT
        Assert.Contains("/dev/ptp99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_character_device_that_is_not_a_phc_is_refused_by_getcaps()
    {
        var error = Assert.Throws<KernelCallException>(() => PtpClock.Open("/dev/null"));
        Assert.Equal(25, error.Errno); // ENOTTY: PTP_CLOCK_GETCAPS is not an ioctl of /dev/null
    }

    [Fact]
    public void Dynamic_clock_id_of_a_non_clock_descriptor_is_rejected_by_clock_gettime()
    {
        // fd 0 is not a posix clock device: the kernel must refuse the dynamic id rather than read junk.
        var error = Assert.Throws<KernelCallException>(() => KernelClocks.Read(KernelClocks.DynamicClockId(0)));
        Assert.Contains(error.Errno, new[] { 22, 9 }); // EINVAL or EBADF
    }

    private static byte[] Time(long seconds, uint nanoseconds) => new KernelBytes().I64(seconds).U32(nanoseconds).U32(0).ToArray();
}
