namespace TimeActors.Simulation;

/// <summary>The kernel's leap-second state machine (Linux time_state), reduced to what the simulation needs.</summary>
public enum LeapState
{
    /// <summary>TIME_OK: a set STA_INS/STA_DEL arms the leap at the next UTC midnight.</summary>
    Ok,

    /// <summary>TIME_WAIT: a leap was applied; nothing more happens until STA_INS/STA_DEL are cleared.</summary>
    Wait,
}
