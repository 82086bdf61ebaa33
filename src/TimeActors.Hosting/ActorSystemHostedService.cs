using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TimeActors.Actors;

namespace TimeActors.Hosting;

/// <summary>
/// Starts the actors when the host starts and stops the actor system, gracefully and within the
/// builder's timeout, when the host stops. If the actor system ends on its own (an escalated failure),
/// the host is asked to stop too, so a dead service never looks alive.
/// </summary>
internal sealed class ActorSystemHostedService(
    ActorSystem system,
    IActorRegistry registry,
    ActorSystemBuilder builder,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<ActorSystemHostedService> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var starter in builder.Starters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await starter(system, registry, services).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            log.LogCritical(e, "Starting the actors of {System} failed: {Reason}", system.Name, e.Message);
            await system.Terminate().WaitAsync(builder.ShutdownTimeout, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        _ = system.WhenTerminated.ContinueWith(
            _ =>
            {
                if (!lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    log.LogError("Actor system {System} terminated on its own; stopping the host", system.Name);
                    lifetime.StopApplication();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var terminated = system.Terminate();
        var finished = await Task.WhenAny(terminated, Task.Delay(builder.ShutdownTimeout, cancellationToken)).ConfigureAwait(false);
        if (finished != terminated)
        {
            log.LogWarning("Actor system {System} did not stop within {Timeout}", system.Name, builder.ShutdownTimeout);
        }
    }
}
