using TimeActors.Actors;

namespace TimeActors.Service.Settings;

/// <summary><c>timeactors.actors</c>: the actor kernel, bound onto <see cref="ActorSystemSettings"/>.</summary>
public static class ActorSettingsSection
{
    public static readonly SettingKey Throughput = SettingKey.Integer(
        "dispatcher.throughput", 1, 1_000_000, "Messages an actor handles per turn before its thread returns to the pool.");

    public static readonly SettingKey SpinWindow = SettingKey.Duration(
        "scheduler.spin-window", TimeSpan.Zero, TimeSpan.FromMilliseconds(100), allowInfinite: false, "How long before a timer is due the scheduler spins instead of sleeping.");

    public static readonly SettingKey LogDeadLetters = SettingKey.CountOrSwitch(
        "log-dead-letters", int.MaxValue, int.MaxValue, "Dead letters logged before logging pauses.");

    public static readonly SettingKey LogDeadLettersSuspendDuration = SettingKey.Duration(
        "log-dead-letters-suspend-duration", TimeSpan.Zero, TimeSpan.FromDays(7), allowInfinite: false, "How long dead-letter logging pauses.");

    public static readonly SettingKey TelemetryEnabled = SettingKey.Boolean(
        "telemetry.enabled", "Record the kernel's metrics.");

    public static readonly SettingKey AskTimeout = SettingKey.Duration(
        "ask-timeout", TimeSpan.FromTicks(1), TimeSpan.FromDays(1), allowInfinite: true, "Default Ask timeout.");

    public static readonly SettingKey ShutdownTimeout = SettingKey.Duration(
        "shutdown-timeout", TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1), allowInfinite: false, "How long shutdown waits for actors to stop.");

    public static SettingsSection Section { get; } = new(
        "timeactors.actors",
        [Throughput, SpinWindow, LogDeadLetters, LogDeadLettersSuspendDuration, TelemetryEnabled, AskTimeout, ShutdownTimeout]);

    public static ActorSystemSettings Bind(SettingsReader r) => new()
    {
        DefaultDispatcherThroughput = r.Get<int>(Throughput),
        SchedulerSpinWindow = r.Get<TimeSpan>(SpinWindow),
        LogDeadLetters = r.Get<int>(LogDeadLetters),
        LogDeadLettersSuspendDuration = r.Get<TimeSpan>(LogDeadLettersSuspendDuration),
        TelemetryEnabled = r.Get<bool>(TelemetryEnabled),
        AskTimeout = r.Get<TimeSpan>(AskTimeout),
        ShutdownTimeout = r.Get<TimeSpan>(ShutdownTimeout),
    };
}
