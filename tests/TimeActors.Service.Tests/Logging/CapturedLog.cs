using System.Text;
using System.Text.Json;

namespace TimeActors.Service.Tests.Logging;

/// <summary>
/// A TextWriter the Serilog sink writes to: keeps the text and lets a test wait (without sleeping)
/// until a JSON log line that matches has been written.
/// </summary>
internal sealed class CapturedLog : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly object _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
            Monitor.PulseAll(_gate);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            _text.Append(value);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The complete JSON lines written so far.</summary>
    public IReadOnlyList<JsonElement> Events()
    {
        var text = Text;
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        return [.. complete.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    /// <summary>Waits for the first JSON event whose message template starts with <paramref name="templateStart"/>.</summary>
    public JsonElement WaitFor(string templateStart, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (true)
            {
                foreach (var e in Events())
                {
                    if (e.GetProperty("MessageTemplate").GetString()!.StartsWith(templateStart, StringComparison.Ordinal))
                    {
                        return e;
                    }
                }

                var left = end - DateTime.UtcNow;
                Assert.True(left > TimeSpan.Zero, $"no log event starting with '{templateStart}' within {timeout}; logged:\n{_text}");
                Monitor.Wait(_gate, left);
            }
        }
    }
}
