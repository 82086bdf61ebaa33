using System.Globalization;
using TimeActors.Linux.Timekeeping;

namespace TimeActors.Linux.Probe;

/// <summary>
/// Runs one kernel operation for a test that needs a separate, less privileged process.
/// Exit codes: 0 = the expected outcome, 2 = usage, 3 = refused to run (precondition), 4 = unexpected outcome.
/// </summary>
public static class Program
{
    private const int CapSysTime = 25;

    public static int Main(string[] args)
    {
        if (args is ["adjtimex-eperm"])
        {
            return AdjtimexEperm();
        }

        Console.Error.WriteLine("usage: TimeActors.Linux.Probe adjtimex-eperm");
        return 2;
    }

    /// <summary>
    /// Asks adjtimex for a change without CAP_SYS_TIME and expects EPERM. The request sets ADJ_TICK to
    /// the tick just read: tick_usec changes only through ADJ_TICK, so even if the call succeeded the
    /// kernel would recompute the same tick length. (ADJ_MAXERROR with the value just read would not
    /// be a no-op: the kernel adds 500 us to maxerror every second, so writing an older value lowers
    /// it; ADJ_TIMECONST adds 4 when STA_NANO is clear; ADJ_STATUS can undo bits the kernel set.)
    /// </summary>
    private static int AdjtimexEperm()
    {
        if (HasEffectiveCapability(CapSysTime))
        {
            Console.Error.WriteLine("refusing: this process has CAP_SYS_TIME, so the request would reach the clock");
            return 3;
        }

        var current = KernelTimex.Read().Timex;
        var request = new Timex { Modes = TimexModes.Tick, TickUs = current.TickUs };
        try
        {
            var result = KernelTimex.Adjtimex(request);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unexpected success: state {result.State}"));
            return 4;
        }
        catch (ClockPermissionException e)
        {
            Console.WriteLine(e.Message);
            return 0;
        }
    }

    private static bool HasEffectiveCapability(int capability)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("CapEff:", StringComparison.Ordinal))
            {
                var mask = ulong.Parse(line["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                return (mask & (1UL << capability)) != 0;
            }
        }

        throw new InvalidOperationException("no CapEff line in /proc/self/status");
    }
}
