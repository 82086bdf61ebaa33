using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Server;

/// <summary>The outcome of building a response: send <see cref="Length"/> bytes, or drop and why.</summary>
/// <param name="Interleaved">The response carries the TX stamp of the previous response (interleaved mode).</param>
/// <param name="ParseError">Why the request was malformed, when it was.</param>
public readonly record struct ResponseDecision(ResponseDecisionKind Kind, int Length, bool Interleaved, NtpParseError ParseError)
{
    public bool ShouldRespond => Kind == ResponseDecisionKind.Respond;
}
