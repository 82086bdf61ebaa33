namespace TimeActors.Service.Simulation;

/// <summary>A scenario that cannot be loaded: unknown name, bad file, or a bad value (the message says which key).</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException()
    {
    }

    public ScenarioException(string message)
        : base(message)
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
