namespace TimeActors.Service.Status;

/// <summary>What happened to responses saved while their request's hardware TX stamp was due.</summary>
public readonly record struct SavedResponseCounts(long Saved, long ReleasedByStamp, long ReleasedByTimeout, long ReleasedBeforeSend, long Discarded);
