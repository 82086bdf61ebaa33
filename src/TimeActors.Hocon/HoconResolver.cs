using System.Text;

namespace TimeActors.Hocon;

/// <summary>
/// Resolves substitutions against the whole (merged) tree, lazily and path by path, so an object may
/// refer to fields inside itself (<c>bar { foo = 42, baz = ${bar.foo} }</c>). A self-referential
/// value (<c>a = ${a} x</c>, or a layer of <c>+=</c>) is resolved with itself and everything that
/// overrides it hidden, which is the spec's "look back" rule; a value met again while it is being
/// resolved is a cycle.
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject _root;
    private readonly bool _useEnvironment;
    private readonly Dictionary<HoconValue, HoconValue?> _memo = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconValue> _hidden = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconValue> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<HoconSubstitution> _chain = new();
    private const int MaxChain = 200;

    private HoconResolver(HoconObject root, bool useEnvironment)
    {
        _root = root;
        _useEnvironment = useEnvironment;
    }

    public static HoconObject Resolve(HoconObject root, bool useEnvironment)
    {
        var resolver = new HoconResolver(root, useEnvironment);
        return (HoconObject)resolver.ResolveNode(root, [])!;
    }

    /// <summary>Null means "undefined": an optional substitution found nothing, so the field or element disappears.</summary>
    private HoconValue? ResolveNode(HoconValue node, string[]? path)
    {
        if (node is HoconScalar)
        {
            return node;
        }

        if (_hidden.Count == 0 && _memo.TryGetValue(node, out var known))
        {
            return known;
        }

        if (!_inProgress.Add(node))
        {
            throw Cycle(node);
        }

        HoconValue? result;
        try
        {
            result = node switch
            {
                HoconObject o => ResolveObject(o, path),
                HoconArray a => ResolveArray(a),
                HoconSubstitution s => ResolveSubstitution(s),
                HoconConcatenation c => ResolveConcatenation(c, path),
                HoconMergeStack m => ResolveStack(m, path),
                _ => node,
            };
        }
        finally
        {
            _inProgress.Remove(node);
        }

        if (_hidden.Count == 0)
        {
            _memo[node] = result;
        }

        return result;
    }

    private HoconException Cycle(HoconValue node)
    {
        var chain = _chain.Count > 0 ? string.Join(" -> ", _chain.Select(s => s.Display)) : "(object refers to itself)";
        var origin = _chain.Count > 0 ? _chain[^1].Origin : node.Origin;
        return new HoconException(origin, $"substitution cycle: {chain}");
    }

    /// <summary>Resolves the value sitting at a field path, hiding it first when it refers to itself.</summary>
    private HoconValue? ResolveField(HoconValue value, string[]? path)
    {
        if (value is HoconMergeStack || !IsSelfReferential(value, path))
        {
            return ResolveNode(value, path);
        }

        var added = _hidden.Add(value);
        try
        {
            return ResolveNode(value, path);
        }
        finally
        {
            if (added)
            {
                _hidden.Remove(value);
            }
        }
    }

    private static bool IsSelfReferential(HoconValue value, string[]? path)
    {
        if (path is null || path.Length == 0)
        {
            return false;
        }

        return value switch
        {
            HoconSubstitution s => StartsWith(s.Path, path),
            HoconConcatenation c => c.Parts.Exists(p => p is HoconSubstitution s && StartsWith(s.Path, path)),
            _ => false,
        };
    }

    private static bool StartsWith(HoconPath path, string[] prefix)
    {
        if (prefix.Length > path.Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(path[i], prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string[]? Child(string[]? path, string key) => path is null ? null : [.. path, key];

    private HoconObject ResolveObject(HoconObject obj, string[]? path)
    {
        var result = new HoconObject(obj.Origin);
        foreach (var (key, value) in obj.Fields)
        {
            if (value is HoconScalar)
            {
                result.Set(key, value);
                continue;
            }

            var resolved = ResolveField(value, Child(path, key));
            if (resolved is not null)
            {
                result.Set(key, resolved);
            }
        }

        return result;
    }

    private HoconArray ResolveArray(HoconArray array)
    {
        var items = new List<HoconValue>(array.Items.Count);
        foreach (var item in array.Items)
        {
            var resolved = ResolveNode(item, null);
            if (resolved is not null)
            {
                items.Add(resolved);
            }
        }

        return HoconArray.Wrap(items, array.Origin);
    }

    /// <summary>Resolves one layer of a stack; a self-referential layer sees only the layers below it.</summary>
    private HoconValue? ResolveLayer(List<HoconValue> visible, int index, string[]? path)
    {
        var layer = visible[index];
        if (!IsSelfReferential(layer, path))
        {
            return ResolveNode(layer, path);
        }

        var added = new List<HoconValue>();
        for (var i = index; i < visible.Count; i++)
        {
            if (_hidden.Add(visible[i]))
            {
                added.Add(visible[i]);
            }
        }

        try
        {
            return ResolveNode(layer, path);
        }
        finally
        {
            foreach (var v in added)
            {
                _hidden.Remove(v);
            }
        }
    }

    private List<HoconValue> VisibleLayers(HoconMergeStack stack)
    {
        if (_hidden.Count == 0)
        {
            return stack.Layers;
        }

        return stack.Layers.FindAll(l => !_hidden.Contains(l));
    }

    private HoconValue? ResolveStack(HoconMergeStack stack, string[]? path)
    {
        var visible = VisibleLayers(stack);
        HoconValue? result = null;
        for (var i = visible.Count - 1; i >= 0; i--)
        {
            var resolved = ResolveLayer(visible, i, path);
            if (resolved is null)
            {
                continue;
            }

            if (result is null)
            {
                result = resolved;
            }
            else if (resolved is HoconObject lower)
            {
                result = HoconMerge.MergeObjects(lower, (HoconObject)result, inPlace: false);
            }
            else
            {
                // A non-object below an object is hidden by it, and hides everything further down.
                break;
            }

            if (result is not HoconObject)
            {
                break;
            }
        }

        return result;
    }

    private HoconValue? ResolveConcatenation(HoconConcatenation concat, string[]? path)
    {
        var values = new HoconValue?[concat.Parts.Count];
        var structural = false;
        for (var i = 0; i < concat.Parts.Count; i++)
        {
            if (concat.IsWhitespace[i])
            {
                continue;
            }

            values[i] = ResolveNode(concat.Parts[i], path);
            structural |= values[i] is HoconObject or HoconArray;
        }

        if (structural)
        {
            HoconValue? acc = null;
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                if (concat.IsWhitespace[i] || v is null)
                {
                    continue;
                }

                if (acc is null)
                {
                    if (v is not (HoconObject or HoconArray))
                    {
                        throw Mixed(concat.Parts[i], v);
                    }

                    acc = v;
                }
                else if (acc is HoconArray left && v is HoconArray right)
                {
                    acc = new HoconArray(left.Items.Concat(right.Items), left.Origin);
                }
                else if (acc is HoconObject lower && v is HoconObject higher)
                {
                    acc = HoconMerge.MergeObjects(lower, higher, inPlace: false);
                }
                else
                {
                    throw Mixed(concat.Parts[i], v);
                }
            }

            return acc;
        }

        var allMissing = true;
        var sb = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            if (concat.IsWhitespace[i])
            {
                sb.Append(((HoconScalar)concat.Parts[i]).Text);
                continue;
            }

            var v = (HoconScalar?)values[i];
            if (v is null)
            {
                continue;
            }

            allMissing = false;
            if (v.Type == HoconType.Null && concat.Parts[i] is HoconSubstitution)
            {
                continue;
            }

            sb.Append(v.Text);
        }

        return allMissing ? null : HoconScalar.String(sb.ToString(), concat.Origin);
    }

    private static HoconException Mixed(HoconValue part, HoconValue value) => new(
        part.Origin,
        $"cannot concatenate {Describe(value)} with an object or array (value concatenation needs the same kind on both sides)");

    private static string Describe(HoconValue v) => v.Type switch
    {
        HoconType.Object => "an object",
        HoconType.Array => "an array",
        HoconType.Null => "null",
        _ => $"the {v.Type.ToString().ToLowerInvariant()} `{v}`",
    };

    private HoconValue? ResolveSubstitution(HoconSubstitution s)
    {
        // A chain this long is either generated nonsense or about to overflow the stack.
        if (_chain.Count >= MaxChain)
        {
            throw new HoconException(s.Origin, $"substitutions nest more than {MaxChain} deep");
        }

        _chain.Add(s);
        try
        {
            var found = Lookup(s.Path);
            if (found is null && s.PrefixLength > 0 && s.PrefixLength < s.Path.Count)
            {
                found = Lookup(s.Path.SubPath(s.PrefixLength));
            }

            if (found is null && _useEnvironment)
            {
                var name = string.Join('.', s.Path.Elements.Skip(s.PrefixLength < s.Path.Count ? s.PrefixLength : 0));
                var env = Environment.GetEnvironmentVariable(name);
                if (!string.IsNullOrEmpty(env))
                {
                    found = HoconScalar.String(env, new HoconOrigin($"env var {name}", 0, 0));
                }
            }

            if (found is null && !s.Optional && _hidden.Count > 0 && ExistsIgnoringLookBack(s.Path))
            {
                throw new HoconException(s.Origin, $"{s.Display} refers to the field it defines, and that field has no earlier value to look back to");
            }

            if (found is null && !s.Optional)
            {
                var where = _useEnvironment ? "in the configuration or the environment" : "in the configuration";
                throw new HoconException(s.Origin, $"unresolved substitution {s.Display}: nothing is set at that path {where} (use ${{?…}} for an optional value)");
            }

            return found;
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }

    /// <summary>Whether the path exists at all in the written tree (objects only, nothing resolved).</summary>
    private bool ExistsIgnoringLookBack(HoconPath path)
    {
        HoconValue node = _root;
        foreach (var key in path.Elements)
        {
            if (node is not HoconObject obj || !obj.TryGetValue(key, out var child))
            {
                return false;
            }

            node = child;
        }

        return true;
    }

    private HoconValue? Lookup(HoconPath path)
    {
        HoconValue node = _root;
        var nodePath = Array.Empty<string>();
        for (var i = 0; i < path.Count; i++)
        {
            var child = ChildOf(node, path[i], nodePath);
            nodePath = [.. nodePath, path[i]];
            child = child is null ? null : View(child);
            if (child is null)
            {
                return null;
            }

            node = child;
        }

        return ResolveField(node, nodePath);
    }

    /// <summary>The node as lookups may see it: hidden nodes vanish, stacks lose their hidden layers.</summary>
    private HoconValue? View(HoconValue node)
    {
        if (_hidden.Count == 0)
        {
            return node;
        }

        if (_hidden.Contains(node))
        {
            return null;
        }

        if (node is HoconMergeStack stack && stack.Layers.Exists(_hidden.Contains))
        {
            var visible = stack.Layers.FindAll(l => !_hidden.Contains(l));
            return visible.Count switch
            {
                0 => null,
                1 => visible[0],
                _ => new HoconMergeStack(visible, stack.Origin),
            };
        }

        return node;
    }

    /// <summary>The (possibly unresolved) value of one key, resolving only what is needed to find it.</summary>
    private HoconValue? ChildOf(HoconValue node, string key, string[] nodePath)
    {
        switch (node)
        {
            case HoconObject obj:
                return obj.TryGetValue(key, out var direct) ? direct : null;
            case HoconMergeStack stack:
                var visible = VisibleLayers(stack);
                var collected = new List<HoconValue>();
                for (var i = visible.Count - 1; i >= 0; i--)
                {
                    var layer = visible[i];
                    HoconObject? layerObject = layer as HoconObject;
                    if (layerObject is null)
                    {
                        var resolved = ResolveLayer(visible, i, nodePath);
                        if (resolved is null)
                        {
                            continue;
                        }

                        if (resolved is not HoconObject resolvedObject)
                        {
                            break;
                        }

                        layerObject = resolvedObject;
                    }

                    if (layerObject.TryGetValue(key, out var child))
                    {
                        collected.Add(child);
                        if (child is HoconScalar or HoconArray)
                        {
                            break;
                        }
                    }
                }

                if (collected.Count <= 1)
                {
                    return collected.Count == 0 ? null : collected[0];
                }

                collected.Reverse();
                return new HoconMergeStack(collected, collected[^1].Origin);
            default:
                var value = ResolveField(node, nodePath);
                return value is HoconObject o && o.TryGetValue(key, out var inner) ? inner : null;
        }
    }
}
