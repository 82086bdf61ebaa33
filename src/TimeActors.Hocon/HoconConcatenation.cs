namespace TimeActors.Hocon;

/// <summary>
/// Values written side by side on one line, at least one of them a substitution, so the result
/// (string, array or merged object) is known only after resolution. Whitespace between parts is kept
/// as parts flagged <see cref="IsWhitespace"/>: it matters between strings and is dropped between
/// arrays or objects.
/// </summary>
internal sealed class HoconConcatenation : HoconValue
{
    public HoconConcatenation(List<HoconValue> parts, List<bool> isWhitespace, HoconOrigin origin)
        : base(origin)
    {
        Parts = parts;
        IsWhitespace = isWhitespace;
    }

    public List<HoconValue> Parts { get; }

    public List<bool> IsWhitespace { get; }

    public override HoconType Type => HoconType.Unresolved;

    internal override bool IsDefinitelyNotObject
    {
        get
        {
            for (var i = 0; i < Parts.Count; i++)
            {
                if (!IsWhitespace[i] && Parts[i] is HoconArray or HoconScalar)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public override bool Equals(HoconValue? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
