namespace TimeActors.Timing.Hardware;

/// <summary>
/// One point of the PHC-versus-system relation made from a set of readings: PHC time
/// <see cref="PhcNs"/> corresponds to system time <see cref="SystemNs"/> within <see cref="ErrorNs"/>.
/// </summary>
/// <param name="Quality">2: averaged from readings with low delay; 1: the minimum-delay reading, which
/// the model does not yet predict; 0: the minimum-delay reading and the model already predicts it
/// within its error (nothing new: not used).</param>
public readonly record struct PhcSample(long PhcNs, long SystemNs, double ErrorNs, int Quality);
