using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using Serilog.Formatting.Json;

namespace TimeActors.Hosting;

/// <summary>
/// Routes the host's (and so the actor system's) logging to Serilog: human-readable console lines by
/// default, JSON lines when asked, optionally a file.
/// </summary>
public static class SerilogSetup
{
    public const string ConsoleTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static Serilog.ILogger CreateLogger(LogEventLevel minimumLevel, bool json = false, string? file = null, TextWriter? console = null)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(minimumLevel)
            .Enrich.FromLogContext();
        ITextFormatter formatter = json
            ? new JsonFormatter(renderMessage: true)
            : new MessageTemplateTextFormatter(ConsoleTemplate, System.Globalization.CultureInfo.InvariantCulture);
        configuration = console is null
            ? (json ? configuration.WriteTo.Console(formatter) : configuration.WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture))
            : configuration.WriteTo.Sink(new TextWriterSink(console, formatter));
        if (!string.IsNullOrEmpty(file))
        {
            // The file follows the chosen format: a log shipper tailing it with format = json gets JSON lines.
            configuration = json
                ? configuration.WriteTo.File(formatter, file)
                : configuration.WriteTo.File(file, outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        return configuration.CreateLogger();
    }

    /// <summary>Replaces the host's logging providers with <paramref name="logger"/>, which the host disposes.</summary>
    public static ILoggingBuilder AddTimeActorsSerilog(this ILoggingBuilder logging, Serilog.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace);
        logging.AddSerilog(logger, dispose: true);
        return logging;
    }
}
