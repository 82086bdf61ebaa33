namespace TimeActors.Timing.Selection;

/// <summary>
/// What selection decided about one source, in the order the checks are applied. Status output
/// shows it per source (chrony's sources report has the same idea: *, +, -, x, ~, ?).
/// </summary>
public enum SourceSelectionState
{
    /// <summary>Configured not to be selected (noselect).</summary>
    NoSelect,

    /// <summary>No response in the reachability window.</summary>
    Unreachable,

    /// <summary>Not enough samples for a regression yet (fewer than three).</summary>
    Unusable,

    /// <summary>The source says its own clock is not synchronised (leap indicator 3).</summary>
    Unsynchronized,

    /// <summary>Root distance above the maximum (or a negative-width interval).</summary>
    TooDistant,

    /// <summary>Jitter (regression standard deviation) above the maximum.</summary>
    TooVariable,

    /// <summary>Its correctness interval does not agree with the majority's.</summary>
    Falseticker,

    /// <summary>Agrees with the others, but fewer sources agree than the configured minimum.</summary>
    WaitingForSources,

    /// <summary>A truechimer left out of combining: too distant or frequency too different from the selected source.</summary>
    NotCombined,

    /// <summary>A truechimer combined into the estimate.</summary>
    Combined,

    /// <summary>The system peer: the best truechimer, combined with the others.</summary>
    Selected,
}
