namespace TimeActors.Timing.Statistics;

/// <summary>Why <see cref="SampleFilter"/> accepted or rejected a sample.</summary>
public enum SampleVerdict
{
    Accepted = 0,

    /// <summary>Delay minus dispersion above <see cref="SampleFilterSettings.MaxDelay"/>.</summary>
    DelayAboveMaximum,

    /// <summary>Delay above <see cref="SampleFilterSettings.MaxDelayRatio"/> times the minimum delay.</summary>
    DelayRatioExceeded,

    /// <summary>Delay increase not explained by the source's jitter or by a real change of offset.</summary>
    DelayDeviationExceeded,
}
