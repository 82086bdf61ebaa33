using System.Net;
using TimeActors.Service.Settings;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Settings;

/// <summary>The service's own sections: sources, hardware timestamping, client, server, clock, control.</summary>
public sealed class ServiceSettingsTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();
    private readonly string _dir = Directory.CreateTempSubdirectory("timeactors-svcsettings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, $"user{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, text);
        return path;
    }

    private TimeActorsSettings Load(string text) => SettingsLoader.Load(Write(text), NoEnvironment);

    private (string File, IReadOnlyList<SettingsError> Errors) Fail(string text)
    {
        var file = Write(text);
        return (file, Assert.Throws<SettingsException>(() => SettingsLoader.Load(file, NoEnvironment)).Errors);
    }

    [Fact]
    public void Defaults_are_a_client_without_sources_server_or_hardware_that_never_writes_the_clock()
    {
        var s = SettingsLoader.Load(null, NoEnvironment);
        Assert.Empty(s.Sources);
        Assert.Empty(s.HardwareTimestamping);
        Assert.Equal(TimeInterval.FromMilliseconds(1), s.HwtsTimeout);
        Assert.Equal(new ClientSettings(), s.Client);
        Assert.False(s.Server.Enabled);
        Assert.Null(s.Server.RateLimit);
        Assert.Equal(new ClockSettings(), s.Clock);
        Assert.Equal(DisciplineMode.Observe, s.Clock.Mode);
        Assert.Equal("/run/timeactors/control.sock", s.Control.SocketPath);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Control.RequestTimeout);
    }

    [Fact]
    public void Source_entries_take_defaults_from_source_defaults_and_override_them()
    {
        var s = Load("""
            timeactors.source-defaults { minpoll = 4, iburst = on }
            timeactors.sources = [
              { server = "ntp1.example.net" }
              { server = "10.200.0.1", port = 1123, minpoll = 0, maxpoll = 2, xleave = on, noselect = yes, prefer = true, max-delay = 50ms, offset = -250ns, poll-target = 6, version = 3 }
              { pool = "pool.ntp.org", count = 6 }
            ]
            """);
        Assert.Equal(3, s.Sources.Count);
        Assert.Equal(new SourceSettings { Kind = SourceKind.Server, Name = "ntp1.example.net", MinPoll = 4, InitialBurst = true }, s.Sources[0]);
        Assert.Equal(
            new SourceSettings
            {
                Kind = SourceKind.Server, Name = "10.200.0.1", Port = 1123, MinPoll = 0, MaxPoll = 2, InitialBurst = true, Interleaved = true, NoSelect = true,
                Prefer = true, MaxDelay = TimeInterval.FromMilliseconds(50), OffsetCorrection = new TimeInterval(-250), PollTarget = 6, Version = 3,
            },
            s.Sources[1]);
        Assert.Equal(new SourceSettings { Kind = SourceKind.Pool, Name = "pool.ntp.org", PoolCount = 6, MinPoll = 4, InitialBurst = true }, s.Sources[2]);
    }

    [Fact]
    public void A_source_maps_onto_the_exchange_options_with_the_global_hwts_timeout()
    {
        var s = Load("timeactors { hwts-timeout = 5ms, sources = [ { server = \"a.example\", minpoll = 2, maxpoll = 4, iburst = on, xleave = on } ] }");
        var options = s.Sources[0].ToExchangeOptions(s.HwtsTimeout);
        options.Validate();
        Assert.Equal(2, options.MinPoll);
        Assert.Equal(4, options.MaxPoll);
        Assert.True(options.InitialBurst);
        Assert.True(options.Interleaved);
        Assert.Equal(TimeInterval.FromMilliseconds(5), options.SavedResponseTimeout);
    }

    [Fact]
    public void Hwts_timeout_zero_disables_saving()
    {
        Assert.Equal(TimeInterval.Zero, Load("timeactors.hwts-timeout = 0").HwtsTimeout);
    }

    [Theory]
    [InlineData("{ server = \"a.example\", minpol = 3 }", "timeactors.sources[0].minpol", "unknown key; did you mean `minpoll`?")]
    [InlineData("{ iburst = on }", "timeactors.sources[0].server", "needs `server = \"name\"` or `pool = \"name\"`")]
    [InlineData("{ server = \"a.example\", pool = \"b.example\" }", "timeactors.sources[0].pool", "either a `server` or a `pool`")]
    [InlineData("{ server = \"not a host!\" }", "timeactors.sources[0].server", "is not a DNS name or an IP address")]
    [InlineData("{ server = \"a.example\", minpoll = 8, maxpoll = 6 }", "timeactors.sources[0].minpoll", "minpoll 8 is above maxpoll 6")]
    [InlineData("{ server = \"a.example\", port = 0 }", "timeactors.sources[0].port", "a whole number from 1 to 65535")]
    [InlineData("{ server = \"a.example\", iburst = perhaps }", "timeactors.sources[0].iburst", "a boolean")]
    [InlineData("{ server = \"a.example\", offset = 2s }", "timeactors.sources[0].offset", "a duration from -1s to 1s")]
    [InlineData("\"a.example\"", "timeactors.sources[0]", "is not an object")]
    public void Bad_source_entries_are_reported_at_their_line(string entry, string path, string message)
    {
        var (file, errors) = Fail($"# comment\ntimeactors.sources = [\n  {entry}\n]");
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal($"{file}:3", error.Origin.ToString());
    }

    [Fact]
    public void Sources_must_be_a_list()
    {
        var (file, errors) = Fail("timeactors.sources = { server = \"a\" }");
        var error = Assert.Single(errors);
        Assert.Equal("timeactors.sources", error.Path);
        Assert.Contains("a list of objects", error.Message, StringComparison.Ordinal);
        Assert.Equal($"{file}:1", error.Origin.ToString());
    }

    [Fact]
    public void A_server_listed_twice_is_an_error()
    {
        var (_, errors) = Fail("timeactors.sources = [ { server = \"A.example\" }, { server = \"a.example\" } ]");
        Assert.Contains("listed 2 times", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_entry_is_reported_not_just_the_first()
    {
        var (_, errors) = Fail("timeactors.sources = [\n { server = \"a\", port = -1 }\n { pool = \"b\", count = 99 }\n]");
        Assert.Equal([2, 3], errors.Select(e => e.Origin.Line).Order());
    }

    [Fact]
    public void Hardware_timestamping_entries_bind_with_defaults_and_pick_named_before_wildcard()
    {
        var s = Load("""
            timeactors.hardware-timestamping-defaults.phc-poll = 500ms
            timeactors.hardware-timestamping = [
              { interface = "*" }
              { interface = "eth1", rx-filter = ntp, tx-compensation = 12ns, rx-compensation = -0.5us }
            ]
            """);
        Assert.Equal(2, s.HardwareTimestamping.Count);
        var eth1 = HardwareTimestampingSettings.For(s.HardwareTimestamping, "eth1")!;
        Assert.Equal(new HardwareTimestampingSettings { Interface = "eth1", RxFilter = RxFilter.Ntp, TxCompensation = new TimeInterval(12), RxCompensation = new TimeInterval(-500), PhcPollInterval = TimeSpan.FromMilliseconds(500) }, eth1);
        var eth0 = HardwareTimestampingSettings.For(s.HardwareTimestamping, "eth0")!;
        Assert.True(eth0.IsWildcard);
        Assert.Equal(RxFilter.Auto, eth0.RxFilter);
        Assert.Null(HardwareTimestampingSettings.For(Load("timeactors.hardware-timestamping = [ { interface = eth1 } ]").HardwareTimestamping, "eth0"));
    }

    [Theory]
    [InlineData("{ rx-filter = ntp }", "timeactors.hardware-timestamping[0].interface", "needs `interface")]
    [InlineData("{ interface = \"a/b\" }", "timeactors.hardware-timestamping[0].interface", "is not an interface name")]
    [InlineData("{ interface = eth0, rx-filter = some }", "timeactors.hardware-timestamping[0].rx-filter", "one of `auto`, `all`, `ntp`, `ptp`, `none`")]
    [InlineData("{ interface = eth0, tx-compensation = 2ms }", "timeactors.hardware-timestamping[0].tx-compensation", "from -1ms to 1ms")]
    [InlineData("{ interface = eth0, phc-pol = 1s }", "timeactors.hardware-timestamping[0].phc-pol", "did you mean `phc-poll`?")]
    public void Bad_hardware_timestamping_entries_are_reported_at_their_line(string entry, string path, string message)
    {
        var (file, errors) = Fail($"timeactors.hardware-timestamping = [\n  {entry}\n]");
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal($"{file}:2", error.Origin.ToString());
    }

    [Fact]
    public void Client_fixed_socket_policy_binds()
    {
        var s = Load("timeactors.client { sockets = fixed, acquisition-port = 1123 }");
        Assert.Equal(new ClientSettings { Sockets = ClientSocketPolicy.Fixed, AcquisitionPort = 1123 }, s.Client);
    }

    [Fact]
    public void An_acquisition_port_without_the_fixed_policy_is_an_error()
    {
        var (file, errors) = Fail("\ntimeactors.client.acquisition-port = 1123");
        var error = Assert.Single(errors);
        Assert.Equal($"{file}:2", error.Origin.ToString());
        Assert.Contains("sockets = fixed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_listen_addresses_access_rules_and_rate_limit_bind()
    {
        var s = Load("""
            timeactors.server {
              listen = ["0.0.0.0", "[::1]:1123", "10.200.0.1:123"]
              port = 4123
              allow = ["10.200.0.0/24", "2001:db8::/32"]
              deny = ["10.200.0.66"]
              rate-limit { enabled = on, interval = 1, burst = 4, leak = 3 }
            }
            """);
        Assert.True(s.Server.Enabled);
        Assert.Equal([new IPEndPoint(IPAddress.Any, 4123), new IPEndPoint(IPAddress.IPv6Loopback, 1123), new IPEndPoint(IPAddress.Parse("10.200.0.1"), 123)], s.Server.Listen);
        Assert.Equal(new RateLimitSettings { IntervalLog2 = 1, Burst = 4, LeakLog2 = 3 }, s.Server.RateLimit);
        var acl = s.Server.BuildAccessControl();
        Assert.True(acl.IsAllowed(ClientAddress.FromIPAddress(IPAddress.Parse("10.200.0.5"))));
        Assert.False(acl.IsAllowed(ClientAddress.FromIPAddress(IPAddress.Parse("10.200.0.66"))));
        Assert.False(acl.IsAllowed(ClientAddress.FromIPAddress(IPAddress.Parse("192.168.1.1"))));
        Assert.True(acl.IsAllowed(ClientAddress.FromIPAddress(IPAddress.Parse("2001:db8::7"))));
    }

    [Fact]
    public void Server_threads_and_table_sizes_bind_with_their_defaults()
    {
        var defaults = Load("timeactors.server.listen = [\"127.0.0.1\"]");
        Assert.Equal(0, defaults.Server.Threads); // one socket per CPU
        Assert.Equal(65536, defaults.Server.InterleavedResponses);
        Assert.Equal(2 << 20, defaults.Server.ReceiveBufferBytes);
        Assert.False(defaults.Server.PinThreads);

        var s = Load("timeactors.server { listen = [\"127.0.0.1\"], threads = 3, pin-threads = on, receive-buffer = 0, interleaved-responses = 100000, rate-limit { enabled = on, clients = 131072 } }");
        Assert.Equal(3, s.Server.Threads);
        Assert.True(s.Server.PinThreads);
        Assert.Equal(0, s.Server.ReceiveBufferBytes);
        Assert.Equal(100_000, s.Server.InterleavedResponses);
        Assert.Equal(131_072, s.Server.RateLimit!.Capacity);
    }

    [Theory]
    [InlineData("listen = [\"0.0.0.0\",\n \"ntp.example.net\"]", "timeactors.server.listen", "`ntp.example.net` is not valid", 3)]
    [InlineData("allow = [\"10.0.0.0/33\"]", "timeactors.server.allow", "`10.0.0.0/33` is not valid", 2)]
    [InlineData("deny = \"10.0.0.0/8\"", "timeactors.server.deny", "a list of networks", 2)]
    [InlineData("rate-limit.burst = 0", "timeactors.server.rate-limit.burst", "from 1 to 255", 2)]
    [InlineData("listen = [\"10.0.0.1\", \"10.0.0.1:123\"]", "timeactors.server.listen", "listed 2 times", 2)]
    [InlineData("rate-limit.clients = 1000", "timeactors.server.rate-limit.clients", "not a power of two", 2)]
    [InlineData("threads = -1", "timeactors.server.threads", "from 0 to 1024", 2)]
    public void Bad_server_settings_are_reported_at_their_line(string line, string path, string message, int expectedLine)
    {
        var (file, errors) = Fail($"timeactors.server {{\n{line}\n}}");
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal($"{file}:{expectedLine}", error.Origin.ToString());
    }

    [Fact]
    public void Clock_settings_bind()
    {
        var s = Load("timeactors.clock { mode = control, makestep { threshold = 0.1s, limit = -1 }, max-slew-rate = 500, leap-mode = slew }");
        Assert.Equal(
            new ClockSettings { Mode = DisciplineMode.Control, MakeStepThreshold = TimeInterval.FromMilliseconds(100), MakeStepLimit = -1, MaxSlewRatePpm = 500, LeapMode = LeapMode.Slew },
            s.Clock);
        Assert.Equal("control", s.Clock.ModeName);
    }

    [Theory]
    [InlineData("timeactors.clock.mode = steer", "one of `observe`, `control`")]
    [InlineData("timeactors.clock.leap-mode = smear", "one of `system`, `step`, `slew`, `ignore`")]
    [InlineData("timeactors.clock.makestep.limit = -2", "from -1 to 1000000")]
    [InlineData("timeactors.clock.max-slew-rate = 0.5", "a number from 1 to 100000")]
    [InlineData("timeactors.control.request-timeout = 0s", "from 10ms to 1m")]
    public void Bad_clock_and_control_values_name_the_expected_form(string line, string expected)
    {
        var (file, errors) = Fail("\n" + line);
        var error = Assert.Single(errors);
        Assert.Equal($"{file}:2", error.Origin.ToString());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_socket_path_can_be_moved_or_turned_off()
    {
        Assert.Equal("/tmp/x/control.sock", Load("timeactors.control.socket = /tmp/x/control.sock").Control.SocketPath);
        Assert.Null(Load("timeactors.control.socket = \"\"").Control.SocketPath);
        var (_, errors) = Fail($"timeactors.control.socket = \"/tmp/{new string('x', 120)}\"");
        Assert.Contains("longer than a Unix socket path", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_root_keys_suggest_the_nearest_known_key()
    {
        var (_, errors) = Fail("timeactors.hwts-timout = 1ms\ntimeactors.clok.mode = observe");
        Assert.Contains("did you mean `hwts-timeout`?", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("did you mean `timeactors.clock.mode`?", errors[1].Message, StringComparison.Ordinal);
    }
}
