using System.Diagnostics;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Tests.Wire;

/// <summary>
/// Our serialised packets, written to a pcap file, must be dissected by Wireshark's NTP dissector
/// (tshark, Debian package "tshark") with the field values we meant.
/// </summary>
public sealed class TsharkDissectionTests
{
    private const uint ClientIp = 0x0AC80001; // 10.200.0.1
    private const uint ServerIp = 0x0AC80002; // 10.200.0.2
    private const ushort ClientPort = 40123;

    [Fact]
    public void Tshark_dissects_requests_responses_kod_and_extension_packets_as_we_wrote_them()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"timeactors-tshark-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            string pcap = Path.Combine(directory, "ntp.pcap");
            WritePackets(pcap);

            string[] lines = RunTshark(
                pcap,
                "ntp.flags.li", "ntp.flags.vn", "ntp.flags.mode", "ntp.stratum", "ntp.ppoll", "ntp.precision",
                "ntp.refid", "ntp.ext.type", "ntp.ext.length", "ntp.keyid", "_ws.malformed", "ntp.rootdelay", "ntp.org", "ntp.rec", "ntp.xmt");

            Assert.Equal(4, lines.Length);
            string[] request = lines[0].Split('|');
            string[] response = lines[1].Split('|');
            string[] kod = lines[2].Split('|');
            string[] extended = lines[3].Split('|');

            // 0 li | 1 vn | 2 mode | 3 stratum | 4 ppoll | 5 precision | 6 refid | 7 ext.type | 8 ext.length
            // 9 keyid | 10 malformed | 11 rootdelay (raw 16.16) | 12 org | 13 rec | 14 xmt
            Assert.Equal(["0", "4", "3", "0", "6", "32", "00000000"], request[..7]);
            Assert.Equal(["NULL", "NULL"], request[12..14]); // a request shows no origin or receive time

            Assert.Equal(["1", "4", "4", "2", "6", "236", "c0000201"], response[..7]); // precision -20 prints as its unsigned byte
            Assert.Equal("197", response[11]); // 3 ms in 16.16 units
            Assert.Equal(request[14], response[12]); // origin echoes the request's transmit nonce
            Assert.StartsWith("Nov 21, 2025 04:40:00.1244567", response[13], StringComparison.Ordinal);
            Assert.StartsWith("Nov 21, 2025 04:40:00.1245567", response[14], StringComparison.Ordinal);

            Assert.Equal(["3", "4", "4", "0"], kod[..4]);
            Assert.Equal("52415445", kod[6]); // "RATE"

            Assert.Equal("0x0104", extended[7], ignoreCase: true);
            Assert.Equal("32", extended[8]);
            Assert.Equal("0000002a", extended[9]);

            foreach (string line in lines)
            {
                string[] fields = line.Split('|');
                Assert.True(fields[10].Length == 0, $"tshark marked a packet malformed: {line}");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void WritePackets(string path)
    {
        using var pcap = new PcapWriter(path);
        var t0 = new SystemTime(1_763_700_000_123_456_789);

        // A request exactly as the client exchange builds it.
        var exchange = new ClientExchange(new ClientExchangeOptions(), new CountingRandom());
        ulong token = exchange.Start()[0].TimerToken;
        var request = new byte[48];
        _ = exchange.Transmit(token, t0, request);
        pcap.WriteUdp(request, ClientIp, ClientPort, ServerIp, 123);

        // The server's response to it.
        var builder = new ResponseBuilder(new InterleavedClientTable(16));
        var tracking = new ServerTrackingState(LeapIndicator.InsertSecond, 2, -20, TimeInterval.FromMilliseconds(3), TimeInterval.FromMilliseconds(5), 0xC0000201, t0 - TimeInterval.FromSeconds(30));
        var response = new byte[48];
        ResponseDecision decision = builder.Build(request, ClientAddress.FromBytes([10, 200, 0, 1]), new PacketTimestamp(t0 + TimeInterval.FromMilliseconds(1), TimestampSource.Kernel, TimeInterval.Zero), tracking, t0 + TimeInterval.FromMilliseconds(1.1), response);
        Assert.True(decision.ShouldRespond);
        pcap.WriteUdp(response.AsSpan(0, decision.Length), ServerIp, 123, ClientIp, ClientPort);

        // A KoD RATE.
        var kod = new byte[48];
        Assert.True(ResponseBuilder.BuildKissOfDeath(request, KissCode.Rate, new PacketTimestamp(t0, TimestampSource.Daemon, TimeInterval.Zero), t0, kod).ShouldRespond);
        pcap.WriteUdp(kod, ServerIp, 123, ClientIp, ClientPort);

        // A v4 packet with an extension field and an MD5-sized MAC.
        var buffer = new byte[200];
        var writer = new NtpPacketWriter(buffer, new NtpHeader(LeapIndicator.NoWarning, 4, NtpMode.Client, 0, 6, -20, NtpShort.Zero, NtpShort.Zero, 0, NtpTimestamp.Zero, NtpTimestamp.Zero, NtpTimestamp.Zero, NtpTimestamp.FromSystemTime(t0)));
        Assert.True(writer.TryAppendExtensionField(0x0104, new byte[28]));
        Assert.True(writer.TryAppendMac(42, new byte[16]));
        pcap.WriteUdp(writer.Written, ClientIp, ClientPort, ServerIp, 123);
    }

    private static string[] RunTshark(string pcap, params string[] fields)
    {
        var info = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-n", "-r", pcap, "-T", "fields", "-E", "separator=|", "-E", "occurrence=f" })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (string field in fields)
        {
            info.ArgumentList.Add("-e");
            info.ArgumentList.Add(field);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("tshark did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("tshark is required (Debian package tshark, listed in test.sh APT_PACKAGES).", e);
        }

        using (process)
        {
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "tshark did not finish within 60 s");
            Assert.True(process.ExitCode == 0, $"tshark failed ({process.ExitCode}): {stderr.Result}");
            return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    private sealed class CountingRandom : IRandomSource
    {
        private ulong _next = 0x0123_4567_89AB_CDEF;

        public ulong NextUInt64() => _next++;
    }
}
