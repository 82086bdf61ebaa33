namespace TimeActors.Service.Control;

/// <summary>No service answers on the control socket (not running, or another path).</summary>
public sealed class ControlUnavailableException : Exception
{
    public ControlUnavailableException()
    {
    }

    public ControlUnavailableException(string message)
        : base(message)
    {
    }

    public ControlUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
