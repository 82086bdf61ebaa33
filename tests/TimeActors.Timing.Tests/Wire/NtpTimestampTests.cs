using FsCheck;
using FsCheck.Fluent;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Tests.Wire;

public sealed class NtpTimestampTests
{
    private const long NsPerSecond = 1_000_000_000;

    [Fact]
    public void Unix_epoch_is_ntp_second_2208988800()
    {
        NtpTimestamp stamp = NtpTimestamp.FromSystemTime(new SystemTime(0));

        Assert.Equal(0x83AA7E80u, stamp.Seconds);
        Assert.Equal(0u, stamp.Fraction);
    }

    [Fact]
    public void Half_a_second_is_fraction_two_to_the_31()
    {
        NtpTimestamp stamp = NtpTimestamp.FromSystemTime(new SystemTime(NsPerSecond / 2));

        Assert.Equal(0x80000000u, stamp.Fraction);
        Assert.Equal(new SystemTime(NsPerSecond / 2), stamp.ToSystemTime(new SystemTime(0)));
    }

    [Fact]
    public void Era_1_starts_2036_02_07_06_28_16_utc()
    {
        long eraStartUnixSeconds = (1L << 32) - NtpTimestamp.UnixEpochNtpSeconds;
        var eraStart = new SystemTime(eraStartUnixSeconds * NsPerSecond);

        NtpTimestamp stamp = NtpTimestamp.FromSystemTime(eraStart);

        Assert.Equal("2036-02-07T06:28:16.0000000Z", eraStart.ToString());
        Assert.Equal(0UL, stamp.Raw);
        Assert.Equal(1, NtpTimestamp.EraOf(eraStart));
        Assert.Equal(0, NtpTimestamp.EraOf(eraStart - new TimeInterval(1)));
        Assert.Equal(eraStart, stamp.ToSystemTimeInEra(1));
    }

    [Fact]
    public void Pivot_resolves_stamps_across_the_2036_era_boundary()
    {
        long eraStartUnixSeconds = (1L << 32) - NtpTimestamp.UnixEpochNtpSeconds;
        var justBefore = new SystemTime((eraStartUnixSeconds - 3) * NsPerSecond);
        var justAfter = new SystemTime((eraStartUnixSeconds + 2) * NsPerSecond + 123);

        // A stamp from just before the rollover read with a pivot just after it (and the reverse).
        Assert.Equal(justBefore, NtpTimestamp.FromSystemTime(justBefore).ToSystemTime(justAfter));
        Assert.Equal(justAfter, NtpTimestamp.FromSystemTime(justAfter).ToSystemTime(justBefore));
        Assert.Equal(0xFFFFFFFDu, NtpTimestamp.FromSystemTime(justBefore).Seconds);
        Assert.Equal(2u, NtpTimestamp.FromSystemTime(justAfter).Seconds);
    }

    [Fact]
    public void Conversion_to_and_from_unix_nanoseconds_is_exact_within_68_years_of_the_pivot()
    {
        // Any time from 1900 to 2200 against a pivot up to 68 years away.
        Gen<(long Time, long Shift)> gen =
            from seconds in Gen.Choose(-552_247_200, int.MaxValue / 2).Select(s => (long)s * 4)
            from nanos in Gen.Choose(0, 999_999_999)
            from shift in Gen.Choose(-(int.MaxValue - 2), int.MaxValue - 2)
            select ((seconds * NsPerSecond) + nanos, (long)shift * NsPerSecond);

        Prop.ForAll(gen.ToArbitrary(), sample =>
            {
                var time = new SystemTime(sample.Time);
                var pivot = new SystemTime(sample.Time + sample.Shift);
                return NtpTimestamp.FromSystemTime(time).ToSystemTime(pivot) == time;
            })
            .Check(PropertyConfig.Deterministic(2000));
    }

    [Fact]
    public void Every_fraction_maps_to_a_nanosecond_that_maps_back_within_one_unit()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<uint>(), fraction =>
            {
                var stamp = NtpTimestamp.FromParts(0xE0000000, fraction);
                SystemTime time = stamp.ToSystemTime(new SystemTime(0));
                long difference = (long)NtpTimestamp.FromSystemTime(time).Fraction - fraction;
                return Math.Abs(difference) <= 3; // one nanosecond is 4.29 fraction units
            })
            .Check(PropertyConfig.Deterministic());
    }

    [Fact]
    public void Minus_gives_signed_differences_across_the_wrap()
    {
        var a = NtpTimestamp.FromParts(0xFFFFFFFF, 0x80000000);
        var b = NtpTimestamp.FromParts(0x00000001, 0x00000000);

        Assert.Equal(new TimeInterval(1_500_000_000), b.Minus(a));
        Assert.Equal(new TimeInterval(-1_500_000_000), a.Minus(b));
    }

    [Fact]
    public void Low_bit_marking_changes_only_the_lowest_fraction_bit()
    {
        var stamp = new NtpTimestamp(0x1234_5678_9ABC_DEF0);

        Assert.Equal(0x1234_5678_9ABC_DEF1UL, stamp.WithLowBit(true).Raw);
        Assert.Equal(0x1234_5678_9ABC_DEF0UL, stamp.WithLowBit(true).WithLowBit(false).Raw);
    }

    [Theory]
    [InlineData(1_000_000_000L, 0x00010000u)]
    [InlineData(500_000_000L, 0x00008000u)]
    [InlineData(0L, 0u)]
    [InlineData(-5L, 0u)]
    [InlineData(70_000_000_000_000L, 0xFFFFFFFFu)]
    public void Short_format_converts_with_rounding_and_saturation(long nanoseconds, uint raw)
    {
        Assert.Equal(raw, NtpShort.FromInterval(new TimeInterval(nanoseconds)).Raw);
    }

    [Fact]
    public void Short_format_round_trips_to_within_half_a_unit()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<uint>(), raw =>
                NtpShort.FromInterval(new NtpShort(raw).ToInterval()).Raw == raw)
            .Check(PropertyConfig.Deterministic());
    }
}
