namespace TimeActors.Service.Settings;

/// <summary>Whether the clock actor writes the system clock.</summary>
public enum ClockMode
{
    /// <summary>Compute and report what would be done; never write the clock (tests, trials, a second daemon beside chronyd).</summary>
    Observe,

    /// <summary>Discipline the system clock with adjtimex (needs CAP_SYS_TIME; without it the service falls back to observe).</summary>
    Control,
}
