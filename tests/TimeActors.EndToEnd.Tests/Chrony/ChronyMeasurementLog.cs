using System.Globalization;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.EndToEnd.Tests.Chrony;

/// <summary>
/// Parses measurements.log. Column layout, checked against chrony 4.3's own lines on this machine:
/// <code>
/// Date (UTC) Time     IP Address   L St 123 567 ABCD  LP RP Score    Offset  Peer del. Peer disp.  Root del. Root disp. Refid     MTxRx
/// 2026-11-22 02:13:51 10.200.0.1      N  1 111 111 1111  -6 -6 0.00  7.010e-07  2.245e-06  1.410e-07  0.000e+00  0.000e+00 7F7F0101 4I K K
/// </code>
/// i.e. date, time, address, leap (N, +, -, ?), stratum, tests 1-3, 5-7, A-D, local poll, remote
/// poll, score, offset, peer delay, peer dispersion, root delay, root dispersion, refid, mode digit
/// with B (basic) or I (interleaved), TX stamp source, RX stamp source. Banner lines ('=' rows and
/// the header, repeated every so often) are skipped; columns a later chrony appends are ignored.
/// </summary>
public static class ChronyMeasurementLog
{
    private const int Columns = 20;

    public static IReadOnlyList<ChronyMeasurement> Read(string path) =>
        File.Exists(path) ? Parse(ReadShared(path)) : [];

    public static IReadOnlyList<ChronyMeasurement> Parse(string text)
    {
        var lines = text.Split('\n');

        // The daemon may be writing the last line right now: only lines ended by a newline count.
        var complete = lines.Length - 1;
        var records = new List<ChronyMeasurement>();
        for (var i = 0; i < complete; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || !char.IsDigit(line[0]))
            {
                continue; // banner: '=' rules and the column header
            }

            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < Columns)
            {
                throw new FormatException($"measurements.log line with {f.Length} columns, expected {Columns}: {line}");
            }

            records.Add(ParseLine(f, line));
        }

        return records;
    }

    private static ChronyMeasurement ParseLine(string[] f, string line)
    {
        var mode = f[17];
        if (mode.Length != 2 || mode[1] is not ('B' or 'I'))
        {
            throw new FormatException($"mode column '{mode}' is not digit + B/I: {line}");
        }

        return new ChronyMeasurement(
            DateTime.ParseExact($"{f[0]} {f[1]}", "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            f[2],
            f[3] switch
            {
                "N" => LeapIndicator.NoWarning,
                "+" => LeapIndicator.InsertSecond,
                "-" => LeapIndicator.DeleteSecond,
                "?" => LeapIndicator.Unsynchronized,
                _ => throw new FormatException($"leap column '{f[3]}': {line}"),
            },
            Int(f[4]),
            f[5],
            f[6],
            f[7],
            Int(f[8]),
            Int(f[9]),
            Double(f[10]),
            Double(f[11]),
            Double(f[12]),
            Double(f[13]),
            Double(f[14]),
            Double(f[15]),
            f[16],
            (NtpMode)(mode[0] - '0'),
            mode[1] == 'I',
            Source(f[18], line),
            Source(f[19], line));
    }

    private static TimestampSource Source(string column, string line) => column switch
    {
        "D" => TimestampSource.Daemon,
        "K" => TimestampSource.Kernel,
        "H" => TimestampSource.Hardware,
        _ => throw new FormatException($"timestamp source column '{column}': {line}"),
    };

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Double(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Reads a file the daemon still has open for writing.</summary>
    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
