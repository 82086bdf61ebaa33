using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using TimeActors.Service.Telemetry;

namespace TimeActors.Service.Tests.Telemetry;

/// <summary>The endpoint's HTTP: what a scraper, a health probe and a stray client get.</summary>
public sealed class MetricsHttpServerTests
{
    private static async Task<(MetricsHttpServer Server, HttpClient Client)> StartAsync(Func<string> exposition)
    {
        var server = new MetricsHttpServer(new IPEndPoint(IPAddress.Loopback, 0), exposition);
        server.Start();
        await Task.CompletedTask;
        return (server, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.LocalEndpoint.Port}/"), Timeout = TimeSpan.FromSeconds(5) });
    }

    [Fact]
    public async Task Metrics_are_served_as_text_format_004_and_read_fresh_on_every_request()
    {
        int scrapes = 0;
        var (server, client) = await StartAsync(() => $"# HELP x x\n# TYPE x gauge\nx {++scrapes}\n");
        await using var _ = server;
        using var __ = client;

        var first = await client.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", first.Content.Headers.ContentType!.ToString());
        Assert.EndsWith("x 1\n", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.EndsWith("x 2\n", await client.GetStringAsync("metrics?name[]=x"), StringComparison.Ordinal);
        Assert.Equal("ok\n", await client.GetStringAsync("healthz"));
    }

    [Fact]
    public async Task Unknown_paths_get_404_other_methods_405_and_HEAD_no_body()
    {
        var (server, client) = await StartAsync(() => "x 1\n");
        await using var _ = server;
        using var __ = client;

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("nothing")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PostAsync("metrics", new StringContent("x"))).StatusCode);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "metrics"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(4, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_collection_that_throws_costs_one_scrape_with_500_and_the_next_one_works()
    {
        int scrapes = 0;
        var (server, client) = await StartAsync(() => ++scrapes == 1 ? throw new InvalidOperationException("callback failed") : "x 1\n");
        await using var _ = server;
        using var __ = client;

        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("metrics")).StatusCode);
        Assert.Equal("x 1\n", await client.GetStringAsync("metrics"));
    }

    [Fact]
    public async Task A_request_that_is_not_HTTP_gets_400()
    {
        var (server, client) = await StartAsync(() => "x 1\n");
        await using var _ = server;
        client.Dispose();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.LocalEndpoint);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HELLO\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        Assert.Equal("HTTP/1.1 400 Bad Request", await reader.ReadLineAsync());
    }
}
