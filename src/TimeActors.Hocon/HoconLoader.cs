namespace TimeActors.Hocon;

/// <summary>
/// Reads documents and their includes. It owns the chain of files being included so a file that
/// (directly or not) includes itself is reported instead of recursing forever.
/// </summary>
internal sealed class HoconLoader
{
    private static readonly string[] ExtensionOrder = [".properties", ".json", ".conf"];

    private readonly HoconParseOptions _options;
    private readonly List<string> _chain = new();

    public HoconLoader(HoconParseOptions options)
    {
        _options = options;
    }

    public static HoconSyntax SyntaxOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => HoconSyntax.Json,
        ".properties" => HoconSyntax.Properties,
        _ => HoconSyntax.Conf,
    };

    public HoconObject ParseText(string text, string source, HoconSyntax syntax, string? directory, string[] prefix) => syntax switch
    {
        HoconSyntax.Properties => PropertiesParser.Parse(text, source),
        HoconSyntax.Json => HoconParser.Parse(text, source, json: true, prefix, this, directory),
        _ => HoconParser.Parse(text, source, json: false, prefix, this, directory),
    };

    public HoconObject ParseFile(string path, HoconSyntax syntax, string[] prefix, HoconOrigin? includedFrom)
    {
        var full = Path.GetFullPath(path);
        if (_chain.Contains(full, StringComparer.Ordinal))
        {
            var cycle = string.Join(" -> ", _chain.Skip(_chain.IndexOf(full)).Append(full).Select(Path.GetFileName));
            throw new HoconException(includedFrom ?? new HoconOrigin(full, 1, 1), $"include cycle: {cycle}");
        }

        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (IOException e)
        {
            throw new HoconException(includedFrom ?? new HoconOrigin(full, 1, 1), $"cannot read `{full}`: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new HoconException(includedFrom ?? new HoconOrigin(full, 1, 1), $"cannot read `{full}`: {e.Message}");
        }

        _chain.Add(full);
        try
        {
            return ParseText(text, full, syntax, Path.GetDirectoryName(full), prefix);
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }

    public HoconObject Include(HoconIncludeKind kind, string name, bool required, HoconOrigin origin, string[] prefix, string? directory, string includingSource)
    {
        switch (kind)
        {
            case HoconIncludeKind.Url:
                throw new HoconException(origin, "url() includes are not supported; use file(\"…\")");
            case HoconIncludeKind.Classpath:
                var resource = _options.ResourceLoader?.Invoke(name);
                if (resource is null)
                {
                    return Missing(required, origin, name, "no resource of that name");
                }

                if (_chain.Contains("resource:" + name, StringComparer.Ordinal))
                {
                    throw new HoconException(origin, $"include cycle through resource `{name}`");
                }

                _chain.Add("resource:" + name);
                try
                {
                    return ParseText(resource, name, SyntaxOf(name), null, prefix);
                }
                finally
                {
                    _chain.RemoveAt(_chain.Count - 1);
                }

            default:
                break;
        }

        string basePath;
        if (Path.IsPathRooted(name))
        {
            basePath = name;
        }
        else if (directory is not null)
        {
            basePath = Path.Combine(directory, name);
        }
        else
        {
            return Missing(required, origin, name, $"`{includingSource}` is not a file, so relative includes have no directory (set BaseDirectory)");
        }

        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (ExtensionOrder.Contains(extension))
        {
            return File.Exists(basePath)
                ? ParseFile(basePath, SyntaxOf(basePath), prefix, origin)
                : Missing(required, origin, name, $"looked for {basePath}");
        }

        // No known extension: load every format that exists, conf parsed last so it wins.
        HoconObject? merged = null;
        foreach (var ext in ExtensionOrder)
        {
            var candidate = basePath + ext;
            if (!File.Exists(candidate))
            {
                continue;
            }

            var parsed = ParseFile(candidate, SyntaxOf(candidate), prefix, origin);
            merged = merged is null ? parsed : HoconMerge.MergeObjects(merged, parsed, inPlace: true);
        }

        if (merged is not null)
        {
            return merged;
        }

        if (File.Exists(basePath))
        {
            return ParseFile(basePath, HoconSyntax.Conf, prefix, origin);
        }

        return Missing(required, origin, name, $"looked for {basePath}{{{string.Join(",", ExtensionOrder)}}}");
    }

    private static HoconObject Missing(bool required, HoconOrigin origin, string name, string detail)
    {
        if (required)
        {
            throw new HoconException(origin, $"required include `{name}` not found ({detail})");
        }

        return new HoconObject(origin);
    }
}
