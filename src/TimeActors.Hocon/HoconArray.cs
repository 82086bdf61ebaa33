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

    internal HoconArray(List<HoconValue> items, HoconOrigin origin, bool takeOwnership)
        : base(origin)
    {
        _ = takeOwnership;
        _items = items;
    }

    public override HoconType Type => HoconType.Array;

    public IReadOnlyList<HoconValue> Items => _items;

    internal List<HoconValue> MutableItems => _items;

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
