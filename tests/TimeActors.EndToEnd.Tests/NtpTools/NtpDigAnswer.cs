namespace TimeActors.EndToEnd.Tests.NtpTools;

/// <summary>
/// What ntpdig accepted from a server (its <c>-j</c> JSON line). <see cref="OffsetS"/> is the
/// server's time minus ours; ntpdig prints it with microsecond resolution.
/// </summary>
public sealed record NtpDigAnswer(string Time, double OffsetS, double PrecisionS, string Host, string Ip, int Stratum, string Leap, bool Adjusted);
