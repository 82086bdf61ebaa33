namespace TimeActors.Service.Status;

/// <summary>
/// How long this source's saved responses wait for their hardware TX stamp, and what it is learned
/// from with <c>hwts-timeout = auto</c>.
/// </summary>
/// <param name="Auto">Learned per interface (<c>auto</c>) rather than the fixed value.</param>
/// <param name="TimeoutSeconds">The wait a response saved now would get (0: saving disabled).</param>
/// <param name="StampsMeasured">Hardware TX stamp latencies the learner has measured on the interface (auto only).</param>
/// <param name="StampsMissing">Requests whose hardware TX stamp did not come within the poll bound (auto only).</param>
public sealed record HwTsTimeoutReport(bool Auto, double TimeoutSeconds, long StampsMeasured, long StampsMissing);
