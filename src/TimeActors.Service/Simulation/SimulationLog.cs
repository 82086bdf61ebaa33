using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace TimeActors.Service.Simulation;

/// <summary>
/// The service's log during a simulation: each line carries the simulated (virtual) UTC time instead
/// of the wall clock, so a line can be matched with the CSV and the plot. The level switch lets the
/// runner silence the shutdown (sources going away is not news).
/// </summary>
public static class SimulationLog
{
    public const string Template = "{SimTime} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static Logger Create(Func<DateTimeOffset?> simulatedNow, LoggingLevelSwitch level, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(simulatedNow);
        return new LoggerConfiguration()
            .MinimumLevel.ControlledBy(level)
            .Enrich.With(new SimulatedTime(simulatedNow))
            .WriteTo.Sink(new WriterSink(output, new MessageTemplateTextFormatter(Template, CultureInfo.InvariantCulture)))
            .CreateLogger();
    }

    private sealed class SimulatedTime(Func<DateTimeOffset?> now) : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("SimTime", now() is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) : "(starting)"));
    }

    private sealed class WriterSink(TextWriter output, MessageTemplateTextFormatter formatter) : ILogEventSink
    {
        private readonly object _gate = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_gate)
            {
                formatter.Format(logEvent, output);
                output.Flush();
            }
        }
    }
}
