using System.Globalization;
using System.Net;

namespace TimeActors.LoadGen;

/// <summary>The `--name value` options of the command line, parsed into a dictionary.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> args)
    {
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    _values[name] = "true";
                }

                name = arg[2..];
            }
            else if (name is not null)
            {
                _values[name] = arg;
                name = null;
            }
            else
            {
                throw new ArgumentException($"unexpected argument `{arg}`");
            }
        }

        if (name is not null)
        {
            _values[name] = "true";
        }
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>Seconds as "5", "5s", "250ms".</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (!_values.TryGetValue(name, out var v))
        {
            return fallback;
        }

        return v.EndsWith("ms", StringComparison.Ordinal)
            ? TimeSpan.FromMilliseconds(double.Parse(v[..^2], CultureInfo.InvariantCulture))
            : TimeSpan.FromSeconds(double.Parse(v.TrimEnd('s'), CultureInfo.InvariantCulture));
    }

    public IPEndPoint EndPoint(string name) =>
        IPEndPoint.Parse(_values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required"));
}
