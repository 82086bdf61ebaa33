namespace TimeActors.Service.Settings;

/// <summary>How a leap second is applied (chrony <c>leapsecmode</c>).</summary>
public enum LeapMode
{
    /// <summary>The kernel inserts or deletes the second (STA_INS/STA_DEL).</summary>
    System,

    /// <summary>The service steps the clock by one second.</summary>
    Step,

    /// <summary>The service slews the second away at the maximum slew rate.</summary>
    Slew,

    /// <summary>Nothing is done; the clock is corrected afterwards like any offset.</summary>
    Ignore,
}
