namespace TimeActors.Timing.Selection;

/// <summary>Overall result of one selection round.</summary>
public enum SelectionOutcome
{
    /// <summary>A source was selected; the combined estimate may steer the clock.</summary>
    Synchronized,

    /// <summary>No sources are configured.</summary>
    NoSources,

    /// <summary>Sources exist but none passed the per-source checks.</summary>
    NoSelectableSources,

    /// <summary>No interval is shared by more than half of the selectable sources.</summary>
    NoMajority,

    /// <summary>A majority agrees but it is smaller than <see cref="SelectionSettings.MinSources"/>.</summary>
    NotEnoughSources,

    /// <summary>
    /// Nothing selected yet and a source that is answering has not got its statistics yet: the first
    /// selection waits for it (it may outvote the ones that are ready).
    /// </summary>
    WaitingForStatistics,
}
