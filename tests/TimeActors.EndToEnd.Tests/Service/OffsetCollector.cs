using TimeActors.EndToEnd.Tests.Harness;

namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// Gathers our client's measured offsets from the status socket alone (nothing added to the
/// service): a new sample shows as a grown kernel RX count with a new <c>last_offset_s</c>. Status
/// is read faster than the source polls, so most samples are seen; a missed one only shrinks n.
/// Each sample is returned as the source's status right after it (offset, delay, interleaved).
/// </summary>
public static class OffsetCollector
{
    public static IReadOnlyList<ServiceSourceStatus> Collect(ServiceProcess service, string address, int count, bool interleavedOnly, TimeSpan timeout)
    {
        var offsets = new List<ServiceSourceStatus>();
        long lastRx = -1;
        double? lastOffset = null;
        return Poll.Until(
            () =>
            {
                var source = service.Sources().Single(s => s.Address == address);
                if (source.RxKernel != lastRx && source.LastOffsetS is { } offset && offset != lastOffset)
                {
                    if (lastRx >= 0 && (source.Interleaved || !interleavedOnly))
                    {
                        offsets.Add(source);
                    }

                    lastOffset = offset;
                }

                lastRx = source.RxKernel;
                return offsets.Count >= count ? offsets : null;
            },
            timeout,
            $"{count} offsets of {address} from the status socket",
            () => $"{offsets.Count} seen; status: {service.StatusJsonText()}\n{service.Output}");
    }
}
