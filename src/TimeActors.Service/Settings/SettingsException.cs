namespace TimeActors.Service.Settings;

/// <summary>The configuration does not bind; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class SettingsException : Exception
{
    public SettingsException(IReadOnlyList<SettingsError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public SettingsException()
        : this([])
    {
    }

    public SettingsException(string message)
        : base(message)
    {
        Errors = [];
    }

    public SettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<SettingsError> Errors { get; }
}
