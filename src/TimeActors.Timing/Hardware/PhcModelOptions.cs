using TimeActors.Timing.Time;

namespace TimeActors.Timing.Hardware;

/// <summary>
/// How an interface's PHC is polled and modelled (chrony's <c>hwtimestamp</c> options; bound from
/// <c>timeactors.hardware-timestamping</c>).
/// </summary>
public sealed record PhcModelOptions
{
    /// <summary>chrony clamps the PHC poll to 2^-6 .. 2^20 s.</summary>
    public const int MinPollLimit = -6;

    /// <summary>Upper clamp of both poll exponents.</summary>
    public const int MaxPollLimit = 20;

    /// <summary>Upper clamp of the sample counts.</summary>
    public const int SampleLimit = 64;

    /// <summary>Shortest interval between PHC samples, log2 seconds (default 0: 1 s).</summary>
    public int MinPollLog2 { get; init; }

    /// <summary>Longest interval between PHC samples, log2 seconds (default 1: 2 s).</summary>
    public int MaxPollLog2 { get; init; } = 1;

    /// <summary>Fewest samples the regression uses (and needs before the model is valid), 2..64.</summary>
    public int MinSamples { get; init; } = 2;

    /// <summary>Most samples the regression keeps, MinSamples..64.</summary>
    public int MaxSamples { get; init; } = 16;

    /// <summary>Smallest error credited to a PHC sample (chrony: 100 ns).</summary>
    public TimeInterval Precision { get; init; } = new(100);

    /// <summary>Added to converted hardware TX stamps (the NIC stamps before the frame leaves the wire).</summary>
    public TimeInterval TxCompensation { get; init; }

    /// <summary>Subtracted from converted hardware RX stamps (the NIC stamps after the frame arrived).</summary>
    public TimeInterval RxCompensation { get; init; }

    /// <summary>Do not use hardware cross-timestamps (PTP_SYS_OFFSET_PRECISE), as chrony's <c>nocrossts</c>.</summary>
    public bool NoCrossTimestamp { get; init; }

    /// <summary>The options with chrony's clamps applied (poll exponents and sample counts in range).</summary>
    public PhcModelOptions Normalized()
    {
        int minPoll = Math.Clamp(MinPollLog2, MinPollLimit, MaxPollLimit);
        int minSamples = Math.Clamp(MinSamples, 2, SampleLimit);
        return this with
        {
            MinPollLog2 = minPoll,
            MaxPollLog2 = Math.Clamp(MaxPollLog2, minPoll, MaxPollLimit),
            MinSamples = minSamples,
            MaxSamples = Math.Clamp(MaxSamples, minSamples, SampleLimit),
            Precision = Precision.Nanoseconds > 0 ? Precision : new TimeInterval(1),
        };
    }

    /// <summary>
    /// The options for a configured PHC poll interval (the settings' <c>phc-poll</c>, a duration): minpoll
    /// is its nearest power of two, maxpoll one above, as chrony's defaults (1 s: 0 and 1).
    /// </summary>
    public PhcModelOptions WithPollInterval(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The PHC poll interval must be positive.");
        }

        int log2 = Math.Clamp((int)Math.Round(Math.Log2(interval.TotalSeconds)), MinPollLimit, MaxPollLimit);
        return this with { MinPollLog2 = log2, MaxPollLog2 = Math.Min(log2 + 1, MaxPollLimit) };
    }

    /// <summary>2^<see cref="MinPollLog2"/> seconds.</summary>
    public TimeSpan MinPollInterval => TimeSpan.FromSeconds(Math.Pow(2, MinPollLog2));

    /// <summary>2^<see cref="MaxPollLog2"/> seconds.</summary>
    public TimeSpan MaxPollInterval => TimeSpan.FromSeconds(Math.Pow(2, MaxPollLog2));
}
