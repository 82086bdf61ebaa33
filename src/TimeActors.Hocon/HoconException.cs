namespace TimeActors.Hocon;

/// <summary>
/// A document that cannot be parsed or resolved, or a value that does not have the requested form.
/// The message always starts with the origin ("file:line:column: ") so an operator can find the spot.
/// </summary>
public sealed class HoconException : Exception
{
    public HoconException(HoconOrigin origin, string reason)
        : base($"{origin.ToStringWithColumn()}: {reason}")
    {
        Origin = origin;
        Reason = reason;
    }

    public HoconException()
        : this(HoconOrigin.None, "HOCON error")
    {
    }

    public HoconException(string message)
        : this(HoconOrigin.None, message)
    {
    }

    public HoconException(string message, Exception innerException)
        : base(message, innerException)
    {
        Origin = HoconOrigin.None;
        Reason = message;
    }

    public HoconOrigin Origin { get; }

    /// <summary>The message without the origin prefix.</summary>
    public string Reason { get; }

    public int Line => Origin.Line;

    public int Column => Origin.Column;
}
