namespace TimeActors.Service.Status;

/// <summary>How many timestamps of each kind were used (status JSON: {hardware, kernel, daemon}).</summary>
public readonly record struct TimestampCounts(long Hardware, long Kernel, long Daemon)
{
    public TimestampCounts Add(TimeActors.Timing.Time.TimestampSource source) => source switch
    {
        TimeActors.Timing.Time.TimestampSource.Hardware => this with { Hardware = Hardware + 1 },
        TimeActors.Timing.Time.TimestampSource.Kernel => this with { Kernel = Kernel + 1 },
        _ => this with { Daemon = Daemon + 1 },
    };
}
