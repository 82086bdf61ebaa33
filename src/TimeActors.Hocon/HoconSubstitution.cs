namespace TimeActors.Hocon;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>, waiting for resolution. <see cref="PrefixLength"/> keys at the
/// start of <see cref="Path"/> were added because the substitution came from an included file: it is
/// looked up there first and then, without the prefix, from the root.
/// </summary>
internal sealed class HoconSubstitution : HoconValue
{
    public HoconSubstitution(HoconPath path, bool optional, int prefixLength, HoconOrigin origin)
        : base(origin)
    {
        Path = path;
        Optional = optional;
        PrefixLength = prefixLength;
    }

    public HoconPath Path { get; }

    public bool Optional { get; }

    public int PrefixLength { get; }

    public override HoconType Type => HoconType.Unresolved;

    internal override bool IsDefinitelyNotObject => false;

    public string Display => $"${{{(Optional ? "?" : "")}{Path.SubPath(PrefixLength == Path.Count ? 0 : PrefixLength)}}}";

    public override bool Equals(HoconValue? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
