using TimeActors.Actors;
using TimeActors.Service.Messages;

namespace TimeActors.Service.Simulation;

/// <summary>Listens to the clock actor's tracking updates: which sources were ever selected, and how often the clock was stepped.</summary>
public sealed class TrackingRecorder : ReceiveActor
{
    private readonly SimulationObservations _observations;

    public TrackingRecorder(SimulationObservations observations)
    {
        _observations = observations;
        Receive<TrackingUpdated>(t =>
        {
            if (t.Report.Synchronized && t.Report.Reference is { } reference)
            {
                _observations.Selected(reference);
            }
        });
        Receive<ClockStepped>(_ => _observations.Stepped());
    }

    public static Props Props(SimulationObservations observations) => Actors.Props.Create(() => new TrackingRecorder(observations));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe<TrackingUpdated>(Self);
        Context.System.EventStream.Subscribe<ClockStepped>(Self);
    }
}
