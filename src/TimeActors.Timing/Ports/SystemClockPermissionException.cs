namespace TimeActors.Timing.Ports;

/// <summary>
/// The system clock refused a change because the process may not set it (Linux: EPERM, no
/// CAP_SYS_TIME). Reading still works, so the caller can continue observe-only.
/// </summary>
public sealed class SystemClockPermissionException : Exception
{
    public SystemClockPermissionException()
        : base("The process may not change the system clock.")
    {
    }

    public SystemClockPermissionException(string message)
        : base(message)
    {
    }

    public SystemClockPermissionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
