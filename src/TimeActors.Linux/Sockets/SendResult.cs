namespace TimeActors.Linux.Sockets;

/// <summary>
/// The outcome of a send: bytes accepted and, when a TX stamp was requested with OPT_ID, the id its
/// error-queue report will carry in ee_data.
/// </summary>
public readonly record struct SendResult(int BytesSent, bool TxTimestampRequested, uint TxId, bool CallerChosenId);
