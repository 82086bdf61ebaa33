namespace TimeActors.EndToEnd.Tests.Harness;

/// <summary>
/// Waits for a condition on an outside process (a daemon's log, socket or answer) with a deadline.
/// The short pause between checks only spaces the checks; the condition, not the pause, ends the wait.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>Returns the first non-null value of <paramref name="probe"/>; throws with <paramref name="what"/> and the last state after the timeout.</summary>
    public static T Until<T>(Func<T?> probe, TimeSpan timeout, string what, Func<string>? describe = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = probe();
            if (value is not null)
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{what} not reached within {timeout.TotalSeconds:0.#} s. {describe?.Invoke()}");
            }

            Thread.Sleep(Interval);
        }
    }

    public static void Until(Func<bool> condition, TimeSpan timeout, string what, Func<string>? describe = null) =>
        Until(() => condition() ? string.Empty : null, timeout, what, describe);
}
