namespace TimeActors.Timing.Exchange;

/// <summary>
/// Source of the 64-bit nonces put in requests. Injected so the exchange stays deterministic under
/// test; production passes a cryptographically strong generator, because the nonce is what stops an
/// off-path attacker from forging a response (RFC 5905 test 2, RFC 9109).
/// </summary>
public interface IRandomSource
{
    ulong NextUInt64();
}
