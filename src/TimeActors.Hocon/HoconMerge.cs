namespace TimeActors.Hocon;

/// <summary>
/// The one merge rule of HOCON, used for duplicate keys, includes and <see cref="Config.WithFallback"/>:
/// a newer object merges with an older object field by field; any other newer value wins. When
/// either side is unresolved the decision waits in a <see cref="HoconMergeStack"/>.
/// </summary>
internal static class HoconMerge
{
    /// <param name="inPlace">The parser owns its fresh trees and may mutate them; Config merges must copy.</param>
    public static HoconValue Merge(HoconValue? older, HoconValue newer, bool inPlace)
    {
        if (older is null)
        {
            return newer;
        }

        switch (newer)
        {
            case HoconScalar or HoconArray:
                return newer;
            case HoconObject newerObject when older is HoconObject olderObject:
                return MergeObjects(olderObject, newerObject, inPlace);
            case HoconObject newerObject when older.IsDefinitelyNotObject:
                if (newerObject.IgnoresFallbacks)
                {
                    return newerObject;
                }

                var hiding = inPlace ? newerObject : new HoconObject(newerObject.Fields, newerObject.Origin);
                hiding.IgnoresFallbacks = true;
                return hiding;
            default:
                return Stack(older, newer, inPlace);
        }
    }

    public static HoconObject MergeObjects(HoconObject older, HoconObject newer, bool inPlace)
    {
        if (newer.IgnoresFallbacks)
        {
            return newer;
        }

        var target = inPlace ? older : new HoconObject(older.Fields, older.Origin) { IgnoresFallbacks = older.IgnoresFallbacks };
        foreach (var (key, value) in newer.Fields)
        {
            target.Set(key, target.TryGetValue(key, out var existing) ? Merge(existing, value, inPlace) : value);
        }

        return target;
    }

    private static HoconMergeStack Stack(HoconValue older, HoconValue newer, bool inPlace)
    {
        List<HoconValue> layers;
        if (older is HoconMergeStack olderStack)
        {
            layers = inPlace ? olderStack.Layers : [.. olderStack.Layers];
        }
        else
        {
            layers = [older];
        }

        if (newer is HoconMergeStack newerStack)
        {
            layers.AddRange(newerStack.Layers);
        }
        else
        {
            layers.Add(newer);
        }

        return new HoconMergeStack(layers, newer.Origin);
    }
}
