namespace TimeActors.Timing.Exchange;

/// <summary>
/// The adaptive poll exponent of one source, kept between minpoll and maxpoll. Adjustments
/// accumulate in a score; each whole unit moves the poll by one (chrony's adjust_poll).
/// </summary>
public sealed class PollController
{
    private readonly int _minPoll;
    private readonly int _maxPoll;

    public PollController(int minPoll, int maxPoll)
    {
        _minPoll = minPoll;
        _maxPoll = maxPoll;
        Poll = minPoll;
    }

    /// <summary>The current poll exponent (log2 s).</summary>
    public int Poll { get; private set; }

    /// <summary>Fractional progress towards the next step; in [0, 1) between adjustments.</summary>
    public double Score { get; private set; }

    /// <summary>
    /// Adds <paramref name="adjustment"/> (in poll exponent units) to the score and moves the poll by
    /// the whole part. At maxpoll the score stays at 1 so a single bad sample brings the poll down
    /// promptly; at minpoll it restarts from 0.
    /// </summary>
    public void Adjust(double adjustment)
    {
        if (double.IsNaN(adjustment))
        {
            return;
        }

        double score = Score + Math.Clamp(adjustment, -64.0, 64.0);
        int step = (int)Math.Floor(score);
        Poll += step;
        Score = score - step;
        if (Poll < _minPoll)
        {
            Poll = _minPoll;
            Score = 0.0;
        }
        else if (Poll > _maxPoll)
        {
            Poll = _maxPoll;
            Score = 1.0;
        }
    }

    /// <summary>Sets the poll directly (clamped), e.g. to raise it after a KoD RATE.</summary>
    public void SetPoll(int poll)
    {
        Poll = Math.Clamp(poll, _minPoll, _maxPoll);
        Score = 0.0;
    }

    /// <summary>
    /// The adjustment chrony derives from a good sample (get_poll_adj), for whoever holds the source
    /// statistics: if the sample missed the prediction by more than the peer distance, back off fast
    /// (negative log2 of the ratio); otherwise steer the number of samples held towards the target,
    /// shortening twice as fast as lengthening.
    /// </summary>
    public static double AdjustmentForSample(double errorInEstimateSeconds, double peerDistanceSeconds, int samplesHeld, int pollTarget)
    {
        if (peerDistanceSeconds > 0.0 && errorInEstimateSeconds > peerDistanceSeconds)
        {
            return -Math.Log2(errorInEstimateSeconds / peerDistanceSeconds);
        }

        double adjustment = (((double)samplesHeld / pollTarget) - 1.0) / pollTarget;
        return samplesHeld < pollTarget ? adjustment * 2.0 : adjustment;
    }
}
