namespace TimeActors.Actors;

/// <summary>A child's restart budget: how many restarts inside the current window.</summary>
internal sealed class ChildRestartStats
{
    private int _restartsInWindow;
    private TimeSpan? _windowStart;

    /// <summary>Akka.NET's rules: 0 retries never restarts; a window opens at the first restart and starts over once it expires.</summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan withinTimeRange, TimeSpan now)
    {
        if (maxNrOfRetries == 0)
        {
            return false;
        }

        var windowed = withinTimeRange > TimeSpan.Zero && withinTimeRange != Timeout.InfiniteTimeSpan;
        if (maxNrOfRetries < 0 && !windowed)
        {
            return true;
        }

        if (!windowed)
        {
            _restartsInWindow++;
            return _restartsInWindow <= maxNrOfRetries;
        }

        if (_windowStart is null || now - _windowStart.Value > withinTimeRange)
        {
            _windowStart = now;
            _restartsInWindow = 1;
            return maxNrOfRetries < 0 || _restartsInWindow <= maxNrOfRetries;
        }

        _restartsInWindow++;
        return maxNrOfRetries < 0 || _restartsInWindow <= maxNrOfRetries;
    }
}
