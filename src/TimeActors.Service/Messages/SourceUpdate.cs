using TimeActors.Service.Status;
using TimeActors.Timing.Sources;
using TimeActors.Timing.Statistics;

namespace TimeActors.Service.Messages;

/// <summary>
/// Source actor → clock actor after every sample (and on reachability changes): the source's
/// statistics as selection needs them, the new sample if there is one, and its status report.
/// </summary>
public sealed record SourceUpdate(int SourceId, bool Reachable, bool NoSelect, SelectionData Data, SourceSample? NewSample, SourceReport Report);
