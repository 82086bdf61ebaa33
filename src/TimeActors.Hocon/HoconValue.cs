namespace TimeActors.Hocon;

/// <summary>
/// A node of a HOCON tree. After resolution every node is a <see cref="HoconObject"/>,
/// <see cref="HoconArray"/> or <see cref="HoconScalar"/>; before it, internal nodes stand for
/// substitutions, concatenations and merges that wait for the whole document.
/// Equality is by value: key order and origins are ignored, numbers compare by value.
/// </summary>
public abstract class HoconValue : IEquatable<HoconValue>
{
    private protected HoconValue(HoconOrigin origin)
    {
        Origin = origin;
    }

    /// <summary>The file and line that wrote this value.</summary>
    public HoconOrigin Origin { get; }

    public abstract HoconType Type { get; }

    /// <summary>True when the value can never be an object, whatever substitutions resolve to.</summary>
    internal virtual bool IsDefinitelyNotObject => true;

    public abstract bool Equals(HoconValue? other);

    public override bool Equals(object? obj) => obj is HoconValue other && Equals(other);

    public abstract override int GetHashCode();

    /// <summary>Renders the value as HOCON text (JSON-compatible for resolved values).</summary>
    public override string ToString() => HoconRenderer.Render(this);
}
