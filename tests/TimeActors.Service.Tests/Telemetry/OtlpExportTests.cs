using System.Net;
using System.Text;
using Microsoft.Extensions.Hosting;
using TimeActors.Service.Hosting;

namespace TimeActors.Service.Tests.Telemetry;

/// <summary>
/// OTLP export comes from the same instruments as the Prometheus endpoint: a stand-in collector on
/// loopback receives OTLP/HTTP protobuf exports carrying the service's and the kernel's instrument names.
/// </summary>
[Collection(TimeActors.Service.Tests.Cli.WholeServiceCollection.Name)]
public sealed class OtlpExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ta-otlp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_OTLP_exporter_posts_tracking_build_and_actor_metrics_to_the_configured_collector()
    {
        var port = TelemetryTestSupport.FreeTcpPort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var settings = TelemetryTestSupport.Settings(_dir, $$"""
            timeactors {
              control.socket = ""
              metrics {
                listen = ""
                otlp { endpoint = "http://127.0.0.1:{{port}}/v1/metrics", protocol = http-protobuf, interval = 1s }
              }
            }
            """);
        using var composition = ServiceComposition.CreateDefault();
        using var host = ServiceHost.Build(settings, composition, TextWriter.Synchronized(new StringWriter()));
        await host.StartAsync();
        try
        {
            var context = await collector.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(20));
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();

            Assert.Equal("POST", context.Request.HttpMethod);
            Assert.Equal("/v1/metrics", context.Request.Url!.AbsolutePath);
            Assert.Equal("application/x-protobuf", context.Request.ContentType);

            // Protobuf keeps strings as UTF-8 bytes: the instrument names and the service name are in the payload.
            var payload = Encoding.UTF8.GetString(body.ToArray());
            foreach (var name in new[] { "timeactors.tracking.offset", "timeactors.tracking.synchronized", "timeactors.build.info", "timeactors.actor.live", "TimeActors.Service", "TimeActors.Actors", "timeactors" })
            {
                Assert.Contains(name, payload, StringComparison.Ordinal);
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
