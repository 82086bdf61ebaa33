using System.Globalization;

namespace TimeActors.EndToEnd.Tests.Chrony;

/// <summary>Field access for chronyc's <c>-c</c> (CSV) output, with the line in every error.</summary>
internal readonly struct ChronyCsv
{
    private readonly string[] _fields;
    private readonly string _line;

    public ChronyCsv(string line, int minimumFields)
    {
        _line = line;
        _fields = line.Split(',');
        if (_fields.Length < minimumFields)
        {
            throw new FormatException($"expected at least {minimumFields} fields in chronyc output: {line}");
        }
    }

    public static IEnumerable<string> Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string Text(int i) => _fields[i];

    public double Double(int i) => double.TryParse(_fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
        ? v : throw new FormatException($"field {i} '{_fields[i]}' is not a number: {_line}");

    public long Long(int i) => long.TryParse(_fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
        ? v : throw new FormatException($"field {i} '{_fields[i]}' is not an integer: {_line}");

    public int Int(int i) => checked((int)Long(i));
}
