namespace TimeActors.Hocon;

/// <summary>
/// A set of fields in the order they were first written. Read-only to users; the parser and the
/// merge logic build it.
/// </summary>
public sealed class HoconObject : HoconValue
{
    private readonly OrderedDictionary<string, HoconValue> _fields;

    public HoconObject(HoconOrigin origin)
        : base(origin)
    {
        _fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
    }

    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, HoconOrigin origin)
        : this(origin)
    {
        foreach (var (key, value) in fields)
        {
            _fields[key] = value;
        }
    }

    public override HoconType Type => HoconType.Object;

    internal override bool IsDefinitelyNotObject => false;

    public IReadOnlyDictionary<string, HoconValue> Fields => _fields;

    /// <summary>
    /// Set when this object was laid over a non-object: that value hid everything older, so later
    /// fallbacks must not merge into this object either (the spec's "adjacent objects" rule).
    /// </summary>
    internal bool IgnoresFallbacks { get; set; }

    public IEnumerable<string> Keys => _fields.Keys;

    public int Count => _fields.Count;

    public bool TryGetValue(string key, out HoconValue value) => _fields.TryGetValue(key, out value!);

    internal void Set(string key, HoconValue value) => _fields[key] = value;

    internal bool Remove(string key) => _fields.Remove(key);

    public override bool Equals(HoconValue? other)
    {
        if (other is not HoconObject o || o._fields.Count != _fields.Count)
        {
            return false;
        }

        foreach (var (key, value) in _fields)
        {
            if (!o._fields.TryGetValue(key, out var theirs) || !value.Equals(theirs))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        // Order-independent: sum of per-field hashes.
        var sum = 0;
        foreach (var (key, value) in _fields)
        {
            sum += HashCode.Combine(key, value);
        }

        return sum;
    }
}
