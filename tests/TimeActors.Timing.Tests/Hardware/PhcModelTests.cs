using TimeActors.Timing.Hardware;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Tests.Hardware;

public sealed class PhcModelTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public void A_phc_with_an_offset_and_a_rate_error_converges_and_converts_within_the_error_bound()
    {
        // The PHC runs on TAI (37 s ahead) and 12.5 ppm fast.
        var phc = new SimulatedPhc(37 * Second, 12.5e-6, seed: 1);
        var model = new PhcModel();
        Assert.True(model.AddReadings(phc.Poll(0)));
        Assert.False(model.IsValid);
        Assert.False(model.TryConvert(phc.PhcAt(Second / 2), 0, receive: false, out _));

        var worst = 0L;
        for (int poll = 1; poll <= 40; poll++)
        {
            model.AddReadings(phc.Poll(poll * Second));
            Assert.True(model.IsValid);
            for (int k = 1; k <= 3; k++)
            {
                long raw = phc.PhcAt((poll * Second) + (k * Second / 4));
                Assert.True(model.TryConvert(raw, 0, receive: false, out var stamp));
                long error = Math.Abs(stamp.Time.UnixNanoseconds - phc.SystemForPhc(raw));
                Assert.Equal(TimestampSource.Hardware, stamp.Source);
                Assert.True(error <= stamp.Error.Nanoseconds, $"poll {poll}: error {error} ns beyond the bound {stamp.Error}");
                Assert.InRange(stamp.Error.Nanoseconds, 100, 1_000);
                if (poll > 10)
                {
                    worst = Math.Max(worst, error);
                }
            }
        }

        Assert.Equal(0, model.Resets);
        Assert.Equal(16, model.SampleCount);
        Assert.True(worst < 150, $"settled conversion error {worst} ns");
    }

    [Fact]
    public void A_48_byte_ntp_packet_is_moved_752_ns_over_ipv4_and_912_ns_over_ipv6_at_1_gbps()
    {
        Assert.Equal(752.0, Layer2Transposition.RxDurationNs(Layer2Transposition.AssumedLength(48, ipv6: false), 1_000));
        Assert.Equal(912.0, Layer2Transposition.RxDurationNs(Layer2Transposition.AssumedLength(48, ipv6: true), 1_000));
        Assert.Equal(75.2, Layer2Transposition.RxDurationNs(90, 10_000), 9);
        Assert.Equal(7_520.0, Layer2Transposition.RxDurationNs(90, 100));
        Assert.Equal(0.0, Layer2Transposition.RxDurationNs(90, 0));
        Assert.Equal(0.0, Layer2Transposition.RxDurationNs(0, 1_000));

        var model = IdentityModel(new PhcModelOptions());
        long raw = SimulatedPhc.BaseNs + (5 * Second);
        Assert.True(model.TryConvert(raw, 0, receive: true, out var unknownLength));
        Assert.Equal(raw, unknownLength.Time.UnixNanoseconds);
        Assert.True(model.TryConvert(raw, 90, receive: true, out var unknownSpeed));
        Assert.Equal(raw, unknownSpeed.Time.UnixNanoseconds);

        model.LinkSpeedMbps = 1_000;
        Assert.True(model.TryConvert(raw, 90, receive: true, out var v4));
        Assert.True(model.TryConvert(raw, 110, receive: true, out var v6));
        Assert.True(model.TryConvert(raw, 90, receive: false, out var tx));
        Assert.Equal(752, v4.Time.UnixNanoseconds - raw);
        Assert.Equal(912, v6.Time.UnixNanoseconds - raw);
        Assert.Equal(raw, tx.Time.UnixNanoseconds); // TX stamps are not transposed
    }

    [Fact]
    public void Tx_compensation_is_added_and_rx_compensation_subtracted_after_conversion()
    {
        var model = IdentityModel(new PhcModelOptions { TxCompensation = new TimeInterval(300), RxCompensation = new TimeInterval(645) });
        model.LinkSpeedMbps = 1_000;
        long raw = SimulatedPhc.BaseNs + (5 * Second);
        Assert.True(model.TryConvert(raw, 90, receive: true, out var rx));
        Assert.True(model.TryConvert(raw, 90, receive: false, out var tx));
        Assert.Equal(752 - 645, rx.Time.UnixNanoseconds - raw);
        Assert.Equal(300, tx.Time.UnixNanoseconds - raw);
    }

    [Fact]
    public void A_jump_of_the_phc_resets_the_model_which_then_follows_the_new_offset()
    {
        var phc = new SimulatedPhc(37 * Second, -3e-6, seed: 2);
        var model = new PhcModel();
        for (int poll = 0; poll < 10; poll++)
        {
            model.AddReadings(phc.Poll(poll * Second));
        }

        Assert.Equal(0, model.Resets);
        phc.PhcOffsetNs += 5_000_000; // someone stepped the PHC by 5 ms
        model.AddReadings(phc.Poll(10 * Second));
        Assert.Equal(1, model.Resets);
        Assert.Equal(1, model.SampleCount);
        Assert.False(model.TryConvert(phc.PhcAt(10 * Second), 0, receive: false, out _)); // back to kernel stamps

        model.AddReadings(phc.Poll(11 * Second));
        long raw = phc.PhcAt((11 * Second) + (Second / 2));
        Assert.True(model.TryConvert(raw, 0, receive: false, out var stamp));
        Assert.True(Math.Abs(stamp.Time.UnixNanoseconds - phc.SystemForPhc(raw)) <= stamp.Error.Nanoseconds);

        phc.PhcOffsetNs -= 2 * Second; // backwards: the PHC did not advance between samples
        model.AddReadings(phc.Poll(12 * Second));
        Assert.Equal(2, model.Resets);
        Assert.False(model.IsValid);
    }

    [Fact]
    public void A_step_of_the_system_clock_re_references_the_model_without_losing_it()
    {
        var phc = new SimulatedPhc(37 * Second, 8e-6, seed: 3);
        var model = new PhcModel();
        for (int poll = 0; poll < 10; poll++)
        {
            model.AddReadings(phc.Poll(poll * Second));
        }

        long step = -(Second / 2) + 1_234;
        phc.SystemStepNs += step;
        model.ApplyClockStep(new TimeInterval(step));
        Assert.True(model.IsValid);
        Assert.Equal(10, model.SampleCount);
        long raw = phc.PhcAt((9 * Second) + (Second / 2));
        Assert.True(model.TryConvert(raw, 0, receive: false, out var stamp));
        Assert.True(Math.Abs(stamp.Time.UnixNanoseconds - phc.SystemForPhc(raw)) <= stamp.Error.Nanoseconds);

        for (int poll = 10; poll < 15; poll++)
        {
            model.AddReadings(phc.Poll(poll * Second));
        }

        Assert.Equal(0, model.Resets);
        Assert.Equal(15, model.SampleCount);
    }

    [Fact]
    public void Without_re_referencing_a_system_step_would_reset_the_model()
    {
        // The counterpart of the test above: the step must be applied, or the samples disagree.
        var phc = new SimulatedPhc(37 * Second, 8e-6, seed: 3);
        var model = new PhcModel();
        for (int poll = 0; poll < 10; poll++)
        {
            model.AddReadings(phc.Poll(poll * Second));
        }

        phc.SystemStepNs -= Second / 2;
        model.AddReadings(phc.Poll(10 * Second));
        Assert.Equal(1, model.Resets);
    }

    [Fact]
    public void A_frequency_change_of_the_system_clock_re_expresses_the_samples()
    {
        var model = IdentityModel(new PhcModelOptions());
        long when = SimulatedPhc.BaseNs + (10 * Second);
        model.ApplyFrequencyChange(new SystemTime(when), 10.0); // system clock now runs 10 ppm fast
        Assert.True(model.IsValid);
        long raw = when + (2 * Second);
        Assert.True(model.TryConvert(raw, 0, receive: false, out var stamp));
        Assert.Equal(raw + 20_000, stamp.Time.UnixNanoseconds, 2.0);
        Assert.True(model.TryConvert(when, 0, receive: false, out var atChange));
        Assert.Equal(when, atChange.Time.UnixNanoseconds, 2.0);
    }

    [Fact]
    public void Samples_closer_than_half_the_minimum_poll_start_the_model_again()
    {
        var model = new PhcModel();
        model.AddSample(1_000 * Second, 1_000 * Second, 500);
        model.AddSample(1_001 * Second, 1_001 * Second, 500);
        Assert.True(model.IsValid);
        model.AddSample((1_001 * Second) + (Second / 4), (1_001 * Second) + (Second / 4), 500);
        Assert.Equal(1, model.Resets);
        Assert.False(model.IsValid);
    }

    [Fact]
    public void Options_are_clamped_as_chrony_clamps_them()
    {
        var options = new PhcModelOptions { MinPollLog2 = -10, MaxPollLog2 = -8, MinSamples = 1, MaxSamples = 100 }.Normalized();
        Assert.Equal(-6, options.MinPollLog2);
        Assert.Equal(-6, options.MaxPollLog2);
        Assert.Equal(2, options.MinSamples);
        Assert.Equal(64, options.MaxSamples);
        Assert.Equal(TimeSpan.FromSeconds(1), new PhcModelOptions().MinPollInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), new PhcModelOptions().MaxPollInterval);
    }

    [Fact]
    public void Converting_a_stamp_allocates_nothing()
    {
        var model = IdentityModel(new PhcModelOptions());
        model.LinkSpeedMbps = 1_000;
        long raw = SimulatedPhc.BaseNs + (5 * Second);
        model.TryConvert(raw, 90, receive: true, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long sum = 0;
        for (int i = 0; i < 1_000; i++)
        {
            model.TryConvert(raw + i, 90, receive: (i & 1) == 0, out var stamp);
            sum += stamp.Time.UnixNanoseconds;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0, sum);
    }

    [Fact]
    public void A_configured_poll_interval_becomes_minpoll_at_its_nearest_power_of_two_and_maxpoll_one_above()
    {
        var one = new PhcModelOptions().WithPollInterval(TimeSpan.FromSeconds(1));
        Assert.Equal((0, 1), (one.MinPollLog2, one.MaxPollLog2));
        var quarter = new PhcModelOptions().WithPollInterval(TimeSpan.FromMilliseconds(250));
        Assert.Equal((-2, -1), (quarter.MinPollLog2, quarter.MaxPollLog2));
        var hour = new PhcModelOptions().WithPollInterval(TimeSpan.FromHours(1));
        Assert.Equal((12, 13), (hour.MinPollLog2, hour.MaxPollLog2)); // 3600 s ~ 2^11.8
        var tiny = new PhcModelOptions().WithPollInterval(TimeSpan.FromMilliseconds(1));
        Assert.Equal((-6, -5), (tiny.MinPollLog2, tiny.MaxPollLog2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhcModelOptions().WithPollInterval(TimeSpan.Zero));
    }

    // A PHC that reads exactly system time, sampled at 1 s: conversions are exact, corrections visible.
    private static PhcModel IdentityModel(PhcModelOptions options)
    {
        var model = new PhcModel(options);
        for (int i = 0; i < 4; i++)
        {
            long t = SimulatedPhc.BaseNs + (i * Second);
            model.AddSample(t, t, 200);
        }

        return model;
    }
}
