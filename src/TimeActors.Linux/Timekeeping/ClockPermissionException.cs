namespace TimeActors.Linux.Timekeeping;

/// <summary>
/// adjtimex / clock_adjtime refused a change with EPERM: the process lacks CAP_SYS_TIME. Reading
/// (modes 0) still works, so a service can continue in observe-only mode.
/// </summary>
public sealed class ClockPermissionException : KernelCallException
{
    public ClockPermissionException(string call, TimexModes modes)
        : base(call, Native.LinuxConstants.EPERM,
            $"{call} with modes {modes} was refused (EPERM): the process lacks CAP_SYS_TIME, which changing the system clock requires. " +
            "Grant it (e.g. systemd AmbientCapabilities=CAP_SYS_TIME) or run observe-only.")
    {
        Modes = modes;
    }

    public ClockPermissionException()
        : this("adjtimex", TimexModes.None)
    {
    }

    public ClockPermissionException(string message)
        : base(message)
    {
    }

    public ClockPermissionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The modes of the refused request.</summary>
    public TimexModes Modes { get; }
}
