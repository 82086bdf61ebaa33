namespace TimeActors.Service.Clock;

/// <summary>Whether the clock actor writes the system clock.</summary>
public enum ClockMode
{
    /// <summary>Steer the clock through adjtimex (needs CAP_SYS_TIME; falls back to observe on EPERM).</summary>
    Control,

    /// <summary>Never write: compute and report what would be done. Tests and CI use this.</summary>
    Observe,
}
