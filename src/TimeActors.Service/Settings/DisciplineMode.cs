namespace TimeActors.Service.Settings;

/// <summary>Whether the clock actor writes the system clock (<c>timeactors.clock.mode</c>; named apart from the clock actor's own ClockMode).</summary>
public enum DisciplineMode
{
    /// <summary>Compute and report what would be done; never write the clock (tests, trials, a second daemon beside chronyd).</summary>
    Observe,

    /// <summary>Discipline the system clock with adjtimex (needs CAP_SYS_TIME; without it the service falls back to observe).</summary>
    Control,
}
