using TimeActors.Linux;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.EndToEnd.Tests.Faults;

/// <summary>NTP packets a fault test sends or a scripted server answers with, built with the Timing wire format.</summary>
public static class NtpPackets
{
    /// <summary>The testbed's "local clock" reference id of a stratum-1 server: 'T','A','E','2' is not a real source.</summary>
    public const uint TestReferenceId = 0x54414532;

    public static NtpTimestamp Now() => NtpTimestamp.FromSystemTime(new SystemTime(KernelClocks.ReadRealtime().TotalNanoseconds));

    /// <summary>A basic client request (mode 3) carrying <paramref name="transmit"/>.</summary>
    public static byte[] ClientRequest(NtpTimestamp transmit, sbyte poll = 0) => Write(new NtpHeader(
        LeapIndicator.NoWarning, NtpHeader.CurrentVersion, NtpMode.Client, 0, poll, 0, NtpShort.Zero, NtpShort.Zero, 0,
        NtpTimestamp.Zero, NtpTimestamp.Zero, NtpTimestamp.Zero, transmit));

    /// <summary>A synchronised stratum-1 server response (mode 4) answering a request sent at <paramref name="origin"/>, stamped now.</summary>
    public static byte[] ServerResponse(NtpTimestamp origin, byte stratum = 1, uint referenceId = TestReferenceId)
    {
        var now = Now();
        return Write(new NtpHeader(
            LeapIndicator.NoWarning, NtpHeader.CurrentVersion, NtpMode.Server, stratum, 0, -20, NtpShort.Zero, NtpShort.Zero, referenceId,
            now, origin, now, now));
    }

    /// <summary>A Kiss-o'-Death (stratum 0, the code in the reference id, leap "unsynchronised") answering a request sent at <paramref name="origin"/>.</summary>
    public static byte[] KissOfDeath(uint code, NtpTimestamp origin)
    {
        var now = Now();
        return Write(new NtpHeader(
            LeapIndicator.Unsynchronized, NtpHeader.CurrentVersion, NtpMode.Server, 0, 0, -20, NtpShort.Zero, NtpShort.Zero, code,
            NtpTimestamp.Zero, origin, now, now));
    }

    private static byte[] Write(in NtpHeader header)
    {
        var bytes = new byte[NtpHeader.Length];
        header.WriteTo(bytes);
        return bytes;
    }
}
