using Microsoft.Extensions.Logging;

namespace TimeActors.Actors;

/// <summary>
/// Every line logged through the actor system's logger factory is also published on the
/// <see cref="EventStream"/> as one of these, so tests and tools can observe logs as messages.
/// </summary>
public sealed record LogEvent(LogLevel Level, string Category, string Message, Exception? Exception, DateTimeOffset Timestamp);
