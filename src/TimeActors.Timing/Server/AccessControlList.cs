namespace TimeActors.Timing.Server;

/// <summary>
/// Allow/deny by network for the server, in the manner of chrony's <c>allow</c>/<c>deny</c>: the rule
/// with the longest matching prefix decides; between rules for the same network the later one wins;
/// without any matching rule access is denied (a server answers no one until allowed).
/// <para>
/// Immutable after construction, so any number of server threads may call <see cref="IsAllowed"/>
/// concurrently. A lookup probes one hash set per distinct prefix length present (longest first)
/// and allocates nothing.
/// </para>
/// <para>
/// Difference from chrony: chrony's <c>allow all</c>/<c>deny all</c> forms also erase more specific
/// earlier rules; here every rule keeps its place and only specificity and order matter.
/// </para>
/// </summary>
public sealed class AccessControlList
{
    private readonly Level[] _v4;
    private readonly Level[] _v6;
    private readonly bool _default;

    public AccessControlList(IEnumerable<AccessRule> rules, bool defaultAllow = false)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _default = defaultAllow;
        var v4 = new SortedDictionary<int, Dictionary<ClientAddress, bool>>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        var v6 = new SortedDictionary<int, Dictionary<ClientAddress, bool>>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        Rules = rules.ToArray();

        foreach (var rule in Rules)
        {
            if (rule.BothFamilies)
            {
                Add(v4, ClientAddress.FromIPv4(0), 0, rule.Allow);
                Add(v6, default(ClientAddress), 0, rule.Allow);
                continue;
            }

            if (rule.PrefixLength < 0 || rule.PrefixLength > rule.Network.BitLength)
                throw new ArgumentException($"Rule {rule} has an invalid prefix length.", nameof(rules));
            Add(rule.Network.IsIPv4 ? v4 : v6, rule.Network.Mask(rule.PrefixLength), rule.PrefixLength, rule.Allow);
        }

        _v4 = v4.Select(kv => new Level(kv.Key, kv.Value)).ToArray();
        _v6 = v6.Select(kv => new Level(kv.Key, kv.Value)).ToArray();
    }

    /// <summary>A list that refuses everyone (the server default without allow rules).</summary>
    public static AccessControlList DenyAllList { get; } = new([]);

    /// <summary>The rules in configuration order.</summary>
    public IReadOnlyList<AccessRule> Rules { get; }

    public bool IsAllowed(in ClientAddress client)
    {
        var levels = client.IsIPv4 ? _v4 : _v6;
        foreach (var level in levels)
        {
            if (level.Networks.TryGetValue(client.Mask(level.PrefixLength), out var allow))
                return allow;
        }

        return _default;
    }

    // Later rules for the same network overwrite earlier ones.
    private static void Add(SortedDictionary<int, Dictionary<ClientAddress, bool>> levels, ClientAddress network, int prefix, bool allow)
    {
        if (!levels.TryGetValue(prefix, out var set))
            levels[prefix] = set = new Dictionary<ClientAddress, bool>();
        set[network] = allow;
    }

    private readonly record struct Level(int PrefixLength, Dictionary<ClientAddress, bool> Networks);
}
