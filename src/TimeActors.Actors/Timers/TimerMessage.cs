namespace TimeActors.Actors;

/// <summary>A timer's message on its way through the mailbox, tagged so stale ones can be recognised.</summary>
internal sealed record TimerMessage(object Key, int Generation, TimerScheduler Owner, object Message) : IDeadLetterSuppression;
