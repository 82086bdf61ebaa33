namespace TimeActors.Timing.Selection;

/// <summary>Selection's verdict on one source.</summary>
public readonly record struct SourceSelectionStatus(int SourceId, SourceSelectionState State);
