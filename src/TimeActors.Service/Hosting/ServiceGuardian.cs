using Microsoft.Extensions.Logging;
using TimeActors.Actors;
using TimeActors.Service.Messages;

namespace TimeActors.Service.Hosting;

/// <summary>
/// The top of the service: creates the interface, clock, source and server actors the composition
/// root describes (in that order), restarts a child that fails (the kernel logs each failure with the
/// child's path and counts restarts per actor type), and answers <see cref="GetStatus"/> with one
/// <see cref="TimeActors.Service.Status.ServiceStatus"/> gathered from its children.
/// </summary>
public sealed class ServiceGuardian : ReceiveActor
{
    /// <summary>Restarts allowed per child within <see cref="RestartWindow"/> before it is stopped.</summary>
    public const int MaxRestarts = 10;

    public static readonly TimeSpan RestartWindow = TimeSpan.FromMinutes(1);

    private readonly IReadOnlyList<ServiceChildSpec> _specs;
    private readonly string _clockMode;
    private readonly TimeSpan _askTimeout;
    private readonly List<(IActorRef Ref, ServiceChildSpec Spec)> _children = [];

    public ServiceGuardian(IReadOnlyList<ServiceChildSpec> specs, string clockMode, TimeSpan askTimeout)
    {
        _specs = specs;
        _clockMode = clockMode;
        _askTimeout = askTimeout;
        Receive<GetStatus>(_ => AnswerStatus());
        Receive<Terminated>(t =>
        {
            _children.RemoveAll(c => c.Ref.Equals(t.ActorRef));
            Context.GetLogger().LogError("Service actor {Actor} stopped for good (restart budget spent); the service continues without it", t.ActorRef.Path);
        });
    }

    public static Props Props(IReadOnlyList<ServiceChildSpec> specs, string clockMode, TimeSpan askTimeout) =>
        Actors.Props.Create(() => new ServiceGuardian(specs, clockMode, askTimeout));

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(MaxRestarts, RestartWindow, Actors.SupervisorStrategy.DefaultDecider);

    protected override void PreStart()
    {
        var created = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        foreach (var spec in _specs)
        {
            // A snapshot: Props factories run later (and again on restart), when `created` has grown.
            var before = new Dictionary<string, IActorRef>(created, StringComparer.Ordinal);
            var child = Context.ActorOf(spec.CreateProps(before), spec.Name);
            created[spec.Name] = child;
            _children.Add((child, spec));
            Context.Watch(child);
        }

        Context.GetLogger().LogInformation(
            "Service started with {Interfaces} interface, {Clocks} clock, {Sources} source and {Servers} server actors (clock mode {Mode})",
            _specs.Count(s => s.Role == ServiceChildRole.Interface),
            _specs.Count(s => s.Role == ServiceChildRole.Clock),
            _specs.Count(s => s.Role == ServiceChildRole.Source),
            _specs.Count(s => s.Role == ServiceChildRole.Server),
            _clockMode);
    }

    private void AnswerStatus()
    {
        if (Sender is not { } replyTo)
        {
            return;
        }

        var self = Self;
        var mode = _clockMode;
        var log = Context.GetLogger();
        var timeout = _askTimeout;
        var asks = _children.Where(c => c.Spec.StatusQuery is not null).Select(async c =>
        {
            var (child, spec) = c;
            try
            {
                var reply = await child.Ask(spec.StatusQuery!, timeout).ConfigureAwait(false);
                return spec.MapStatusReply is { } map ? map(reply) : reply;
            }
            catch (Exception e)
            {
                // A busy, restarting or failing child is left out of this snapshot rather than failing it.
                log.LogDebug("{Child} gave no status: {Reason}", child.Path, e.Message);
                return null;
            }
        }).ToList();

        // Gathered off the actor's thread: the guardian keeps supervising while children answer.
        _ = Task.WhenAll(asks).ContinueWith(
            all => replyTo.Tell(StatusAggregator.Combine(mode, all.Result), self),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
