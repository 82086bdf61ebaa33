using System.Globalization;
using TimeActors.Service.Control;
using TimeActors.Service.Status;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Cli;

/// <summary>The chronyc-like tables of `timeactors status|sources|tracking|ntpdata|serverstats`.</summary>
public static class StatusTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Status(ServiceStatus status, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(o);
        var t = status.Tracking;
        o.WriteLine(t.Synchronized
            ? $"Synchronised to {t.Reference ?? RefId(t.ReferenceId)}, stratum {t.Stratum}, offset {Seconds(t.OffsetSeconds)}, frequency {t.FrequencyPpm.ToString("+0.000;-0.000", Invariant)} ppm, mode {t.Mode}"
            : $"Not synchronised (stratum {t.Stratum}), mode {t.Mode}");
        o.WriteLine();
        Sources(status, o);
        o.WriteLine();
        var s = status.Server;
        o.WriteLine(string.Create(Invariant, $"Server: {s.Received} received, {s.Answered} answered, {s.Interleaved} interleaved, {s.RateLimited} rate limited, {s.Denied} denied, {s.DroppedMalformed} malformed"));
    }

    public static void Tracking(ServiceStatus status, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(o);
        var t = status.Tracking;
        Line(o, "Reference ID", t.Reference is null ? RefId(t.ReferenceId) : $"{RefId(t.ReferenceId)} ({t.Reference})");
        Line(o, "Stratum", t.Stratum.ToString(Invariant));
        Line(o, "Synchronised", t.Synchronized ? "Yes" : "No");
        Line(o, "Last offset", $"{Fixed(t.OffsetSeconds, signed: true)} seconds ({(t.OffsetSeconds >= 0 ? "local clock behind" : "local clock ahead")})");
        Line(o, "RMS offset", $"{Fixed(t.RmsOffsetSeconds)} seconds");

        // A positive correction speeds the clock up: without it the clock would run slow.
        Line(o, "Frequency", string.Create(Invariant, $"{Math.Abs(t.FrequencyPpm):0.000} ppm {(t.FrequencyPpm >= 0 ? "slow" : "fast")}"));
        Line(o, "Root delay", $"{Fixed(t.RootDelaySeconds)} seconds");
        Line(o, "Root dispersion", $"{Fixed(t.RootDispersionSeconds)} seconds");
        Line(o, "Leap status", t.Leap switch
        {
            LeapIndicator.NoWarning => "Normal",
            LeapIndicator.InsertSecond => "Insert second",
            LeapIndicator.DeleteSecond => "Delete second",
            _ => "Not synchronised",
        });
        Line(o, "Clock mode", t.Mode);
    }

    public static void Sources(ServiceStatus status, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(o);
        var header = $"{"MS",-2} {"Name/IP address",-35} {"State",-12} {"Poll",4} {"Reach",5} {"Samples",7}  {"Last offset",11}  [{"delay",9}]";
        o.WriteLine(header);
        o.WriteLine(new string('=', header.Length));
        foreach (var s in status.Sources)
        {
            var name = s.Address is null ? s.Name : $"{s.Name} ({HostOf(s.Address)})";
            if (name.Length > 35)
            {
                name = name[..34] + "…";
            }

            var sample = s.LastOffsetSeconds is { } offset
                ? $"{Short(offset, signed: true),11}  [{(s.LastDelaySeconds is { } d ? Short(d) : "-"),9}]{(s.Interleaved ? " I" : "")}"
                : "          -";
            o.WriteLine(string.Create(Invariant, $"^{StateMark(s.State)} {name,-35} {StatusJson.StateName(s.State),-12} {s.PollLog2,4} {Convert.ToString(s.Reach, 8),5} {s.Samples,7}  {sample}"));
        }

        if (status.Sources.Count == 0)
        {
            o.WriteLine("(no sources)");
        }
    }

    public static void NtpData(ServiceStatus status, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(o);
        var first = true;
        foreach (var s in status.Sources)
        {
            if (!first)
            {
                o.WriteLine();
            }

            first = false;
            Line(o, "Name", s.Name);
            Line(o, "Remote address", s.Address ?? "(not resolved)");
            Line(o, "State", StatusJson.StateName(s.State));
            Line(o, "Poll interval", string.Create(Invariant, $"{s.PollLog2} ({Math.Pow(2, s.PollLog2):0.###} seconds)"));
            Line(o, "Reach", Convert.ToString(s.Reach, 8));
            Line(o, "Samples", s.Samples.ToString(Invariant));
            Line(o, "Offset", s.LastOffsetSeconds is { } off ? $"{Fixed(off, signed: true)} seconds" : "-");
            Line(o, "Peer delay", s.LastDelaySeconds is { } d ? $"{Fixed(d)} seconds" : "-");
            Line(o, "Interleaved", s.Interleaved ? "Yes" : "No");
            Line(o, "TX timestamping", MostUsed(s.TxStamps));
            Line(o, "RX timestamping", MostUsed(s.RxStamps));
            Line(o, "HW/kernel/daemon TX", string.Create(Invariant, $"{s.TxStamps.Hardware} / {s.TxStamps.Kernel} / {s.TxStamps.Daemon}"));
            Line(o, "HW/kernel/daemon RX", string.Create(Invariant, $"{s.RxStamps.Hardware} / {s.RxStamps.Kernel} / {s.RxStamps.Daemon}"));
            var r = s.SavedResponses;
            Line(o, "Saved responses", string.Create(Invariant, $"{r.Saved} (released by stamp {r.ReleasedByStamp}, by timeout {r.ReleasedByTimeout}, before send {r.ReleasedBeforeSend}; discarded {r.Discarded})"));
            if (s.HwTsTimeout is { } hwts)
            {
                Line(o, "HW TX stamp wait", hwts.Auto
                    ? string.Create(Invariant, $"{Fixed(hwts.TimeoutSeconds)} seconds (auto: {hwts.StampsMeasured} stamps measured, {hwts.StampsMissing} missing)")
                    : $"{Fixed(hwts.TimeoutSeconds)} seconds (fixed)");
            }
        }

        if (first)
        {
            o.WriteLine("(no sources)");
        }
    }

    public static void ServerStats(ServiceStatus status, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(o);
        var s = status.Server;
        Line(o, "NTP packets received", s.Received.ToString(Invariant), 27);
        Line(o, "NTP packets answered", s.Answered.ToString(Invariant), 27);
        Line(o, "NTP packets rate limited", s.RateLimited.ToString(Invariant), 27);
        Line(o, "NTP packets denied", s.Denied.ToString(Invariant), 27);
        Line(o, "NTP packets malformed", s.DroppedMalformed.ToString(Invariant), 27);
        Line(o, "Interleaved NTP packets", s.Interleaved.ToString(Invariant), 27);
        Line(o, "NTP daemon RX timestamps", s.RxStamps.Daemon.ToString(Invariant), 27);
        Line(o, "NTP daemon TX timestamps", s.TxStamps.Daemon.ToString(Invariant), 27);
        Line(o, "NTP kernel RX timestamps", s.RxStamps.Kernel.ToString(Invariant), 27);
        Line(o, "NTP kernel TX timestamps", s.TxStamps.Kernel.ToString(Invariant), 27);
        Line(o, "NTP hardware RX timestamps", s.RxStamps.Hardware.ToString(Invariant), 27);
        Line(o, "NTP hardware TX timestamps", s.TxStamps.Hardware.ToString(Invariant), 27);
    }

    /// <summary>chronyc's S column: * selected, + combined, - not combined, x falseticker, ~ too variable, ? unusable.</summary>
    public static char StateMark(SourceSelectionState state) => state switch
    {
        SourceSelectionState.Selected => '*',
        SourceSelectionState.Combined => '+',
        SourceSelectionState.NotCombined => '-',
        SourceSelectionState.Falseticker => 'x',
        SourceSelectionState.TooVariable => '~',
        _ => '?',
    };

    private static void Line(TextWriter o, string label, string value, int width = 19) => o.WriteLine($"{label.PadRight(width)} : {value}");

    private static string RefId(uint id) => id.ToString("X8", Invariant);

    private static string HostOf(string address)
    {
        // "10.0.0.1:123" -> "10.0.0.1", "[2001:db8::1]:123" -> "2001:db8::1"; anything else as is.
        return System.Net.IPEndPoint.TryParse(address, out var ep) ? ep.Address.ToString() : address;
    }

    private static string MostUsed(TimestampCounts c)
    {
        if (c.Hardware + c.Kernel + c.Daemon == 0)
        {
            return "-";
        }

        var kind = c.Hardware >= c.Kernel && c.Hardware >= c.Daemon ? "Hardware" : c.Kernel >= c.Daemon ? "Kernel" : "Daemon";
        return $"{kind} (most used)";
    }

    private static string Fixed(double seconds, bool signed = false) =>
        double.IsFinite(seconds) ? seconds.ToString(signed ? "+0.000000000;-0.000000000" : "0.000000000", Invariant) : "-";

    private static string Seconds(double seconds) => Short(seconds, signed: true);

    /// <summary>chronyc's compact form: the value scaled to ns, us, ms or s.</summary>
    private static string Short(double seconds, bool signed = false)
    {
        if (!double.IsFinite(seconds))
        {
            return "-";
        }

        var magnitude = Math.Abs(seconds);
        var (value, unit) = magnitude switch
        {
            < 1e-6 => (seconds * 1e9, "ns"),
            < 1e-3 => (seconds * 1e6, "us"),
            < 1 => (seconds * 1e3, "ms"),
            _ => (seconds, "s"),
        };
        return value.ToString(signed ? "+0.000;-0.000" : "0.000", Invariant) + unit;
    }
}
