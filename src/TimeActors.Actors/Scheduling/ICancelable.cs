namespace TimeActors.Actors;

/// <summary>A scheduled occurrence that can be called off.</summary>
public interface ICancelable
{
    bool IsCancellationRequested { get; }

    void Cancel();
}
