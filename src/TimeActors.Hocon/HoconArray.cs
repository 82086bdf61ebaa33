namespace TimeActors.Hocon;

/// <summary>An ordered list of values.</summary>
public sealed class HoconArray : HoconValue
{
    private readonly List<HoconValue> _items;

    public HoconArray(IEnumerable<HoconValue> items, HoconOrigin origin)
        : base(origin)
    {
        _items = [.. items];
    }

    private HoconArray(HoconOrigin origin, List<HoconValue> items)
        : base(origin)
    {
        _items = items;
    }

    /// <summary>Takes the list as is (the parser and resolver build fresh lists; copying them is waste).</summary>
    internal static HoconArray Wrap(List<HoconValue> items, HoconOrigin origin) => new(origin, items);

    public override HoconType Type => HoconType.Array;

    public IReadOnlyList<HoconValue> Items => _items;

    public override bool Equals(HoconValue? other)
    {
        if (other is not HoconArray a || a._items.Count != _items.Count)
        {
            return false;
        }

        for (var i = 0; i < _items.Count; i++)
        {
            if (!_items[i].Equals(a._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
