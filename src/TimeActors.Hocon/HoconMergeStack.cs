namespace TimeActors.Hocon;

/// <summary>
/// Several values assigned to one field where at least one is unresolved, oldest first. Resolution
/// works from the newest down: objects merge with older objects, anything else hides what is below.
/// A self-referential layer (<c>a = ${a} x</c>) sees only the layers below it.
/// </summary>
internal sealed class HoconMergeStack : HoconValue
{
    public HoconMergeStack(List<HoconValue> layers, HoconOrigin origin)
        : base(origin)
    {
        Layers = layers;
    }

    /// <summary>Oldest (lowest priority) first.</summary>
    public List<HoconValue> Layers { get; }

    public override HoconType Type => HoconType.Unresolved;

    internal override bool IsDefinitelyNotObject => false;

    public override bool Equals(HoconValue? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
