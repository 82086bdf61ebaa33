using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace TimeActors.Hosting;

/// <summary>Writes Serilog events to a TextWriter (tests and the CLI capture output this way).</summary>
internal sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly object _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
