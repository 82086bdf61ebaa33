using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TimeActors.Actors;
using TimeActors.Hosting;
using TimeActors.Service.Control;
using TimeActors.Service.Messages;
using TimeActors.Service.Settings;
using TimeActors.Service.Status;

namespace TimeActors.Service.Hosting;

/// <summary>
/// Runs the control endpoint beside the actor system: registered after it, so it starts once the
/// guardian exists and stops before the actors do. Status comes from asking the guardian.
/// </summary>
internal sealed class ControlEndpointService(
    TimeActorsSettings settings,
    IRequiredActor<ServiceGuardian> guardian,
    ILogger<ControlEndpointService> log) : IHostedService
{
    private ControlServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Control.SocketPath is not { } path)
        {
            log.LogInformation("Control endpoint is off (timeactors.control.socket is empty)");
            return;
        }

        var actor = await guardian.GetAsync(cancellationToken).ConfigureAwait(false);

        // The guardian's children get part of the budget, so a slow child shows as missing, not as a timeout.
        var askTimeout = settings.Control.RequestTimeout;
        var source = new DelegateStatusSource(ct => actor.Ask<ServiceStatus>(GetStatus.Instance, askTimeout, ct));
        _server = new ControlServer(path, source, settings.Control.RequestTimeout, log);
        _server.Start();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }
    }
}
