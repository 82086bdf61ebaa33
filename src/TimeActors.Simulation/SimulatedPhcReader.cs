using TimeActors.Timing.Hardware;
using TimeActors.Timing.Ports.Hardware;

namespace TimeActors.Simulation;

/// <summary>The service's PHC poller reads the simulated NIC's clock through this, as it reads /dev/ptpN on Linux.</summary>
public sealed class SimulatedPhcReader(SimulatedNic nic) : IPhcReader
{
    public string Name => $"{nic.Name} (simulated PHC)";

    public int Read(Span<PhcClockReading> readings)
    {
        int count = Math.Min(readings.Length, nic.Options.PhcReadingsPerPoll);
        for (int i = 0; i < count; i++)
        {
            readings[i] = nic.Read();
        }

        return count;
    }

    public int ReadLinkSpeedMbps() => nic.Options.LinkSpeedMbps;
}
