namespace TimeActors.EndToEnd.Tests.Chrony;

/// <summary>
/// One row of <c>chronyc -c sources</c>. Mode: '^' server, '=' peer, '#' reference clock. State:
/// '*' selected, '+' combined, '-' not combined, '?' unusable, 'x' falseticker, '~' too variable.
/// Reach is the octal register as a number (377 octal = 255 = the last eight polls answered).
/// </summary>
public sealed record ChronySource(
    char Mode,
    char State,
    string Name,
    int Stratum,
    int PollLog2,
    int Reach,
    long LastRxAgoS,
    double AdjustedOffsetS,
    double MeasuredOffsetS,
    double ErrorS)
{
    public bool IsSelected => State == '*';

    public static IReadOnlyList<ChronySource> Parse(string output) =>
    [
        .. ChronyCsv.Lines(output).Select(line =>
        {
            var f = new ChronyCsv(line, 10);
            return new ChronySource(f.Text(0)[0], f.Text(1)[0], f.Text(2), f.Int(3), f.Int(4), Convert.ToInt32(f.Text(5), 8), f.Long(6),
                f.Double(7), f.Double(8), f.Double(9));
        }),
    ];
}
