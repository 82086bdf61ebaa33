using System.Collections.Immutable;

namespace TimeActors.Actors;

/// <summary>
/// Where an actor lives: <c>timeactors://system/user/parent/child</c>. Paths of two incarnations of an
/// actor with the same name are equal; refs are told apart by their unique id.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    public const string Scheme = "timeactors";

    private readonly ImmutableArray<string> _elements;
    private readonly string _text;

    private ActorPath(string systemName, ImmutableArray<string> elements)
    {
        SystemName = systemName;
        _elements = elements;
        _text = $"{Scheme}://{systemName}/{string.Join('/', elements)}";
    }

    public string SystemName { get; }

    /// <summary>The last element (the actor's name); empty for the root.</summary>
    public string Name => _elements.IsEmpty ? string.Empty : _elements[^1];

    public IReadOnlyList<string> Elements => _elements;

    /// <summary>The path without scheme and system: <c>/user/parent/child</c>.</summary>
    public string ToStringWithoutAddress() => "/" + string.Join('/', _elements);

    public ActorPath? Parent => _elements.IsEmpty ? null : new ActorPath(SystemName, _elements.RemoveAt(_elements.Length - 1));

    public static ActorPath Root(string systemName) => new(systemName, ImmutableArray<string>.Empty);

    public ActorPath Child(string name) => new(SystemName, _elements.Add(name));

    public static ActorPath operator /(ActorPath path, string name) => path.Child(name);

    public bool Equals(ActorPath? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    public int CompareTo(ActorPath? other) => string.CompareOrdinal(_text, other?._text);

    public override string ToString() => _text;
}
