using TimeActors.Linux.Hardware;
using TimeActors.Linux.Sockets;

namespace TimeActors.Linux.Tests;

public sealed class HardwareTimestampingTests
{
    private const int Eperm = 1;
    private const int Einval = 22;
    private const int Erange = 34;
    private const int Eopnotsupp = 95;

    [Fact]
    public void Hwtstamp_config_bytes_round_trip()
    {
        var kernel = new KernelBytes().I32(0).I32(1).I32(15).ToArray();
        var config = HwTimestampConfig.Read(kernel);
        Assert.Equal(new HwTimestampConfig(0, HwTimestampTxType.On, HwTimestampRxFilter.NtpAll), config);

        var written = new byte[HwTimestampConfig.Size];
        config.Write(written);
        Assert.Equal(kernel, written);
    }

    [Fact]
    public void Ntp_all_is_asked_first_and_the_drivers_wider_answer_is_kept()
    {
        var nic = new ScriptedNic { Answer = f => (0, f == HwTimestampRxFilter.NtpAll ? HwTimestampRxFilter.All : f) };
        var outcome = HwTimestampSetup.Enable(nic);

        Assert.Equal(HwTimestampStatus.Enabled, outcome.Status);
        Assert.Equal(HwTimestampRxFilter.NtpAll, outcome.RequestedFilter);
        Assert.Equal(new HwTimestampConfig(0, HwTimestampTxType.On, HwTimestampRxFilter.All), outcome.Config);
        Assert.Equal([HwTimestampRxFilter.NtpAll], nic.Requests.Select(r => r.RxFilter));
        Assert.All(nic.Requests, r => Assert.Equal(HwTimestampTxType.On, r.TxType));
    }

    [Fact]
    public void Erange_falls_back_to_all_then_to_tx_only()
    {
        var toAll = HwTimestampSetup.Enable(new ScriptedNic { Answer = f => f == HwTimestampRxFilter.NtpAll ? (Erange, f) : (0, f) });
        Assert.Equal(HwTimestampStatus.Enabled, toAll.Status);
        Assert.Equal(HwTimestampRxFilter.All, toAll.Config!.Value.RxFilter);
        Assert.False(toAll.TxOnly);

        var nic = new ScriptedNic { Answer = f => f == HwTimestampRxFilter.None ? (0, f) : (Erange, f) };
        var txOnly = HwTimestampSetup.Enable(nic);
        Assert.Equal(HwTimestampStatus.Enabled, txOnly.Status);
        Assert.True(txOnly.TxOnly);
        Assert.Equal([HwTimestampRxFilter.NtpAll, HwTimestampRxFilter.All, HwTimestampRxFilter.None], nic.Requests.Select(r => r.RxFilter));

        var none = HwTimestampSetup.Enable(new ScriptedNic { Answer = f => (Erange, f) });
        Assert.Equal(HwTimestampStatus.FilterUnsupported, none.Status);
        Assert.Equal(Erange, none.Errno);
    }

    [Fact]
    public void Eperm_is_accepted_when_the_nic_is_already_configured_and_reported_otherwise()
    {
        var configured = new ScriptedNic
        {
            Answer = f => (Eperm, f),
            Current = new HwTimestampConfig(0, HwTimestampTxType.On, HwTimestampRxFilter.NtpAll),
        };
        var accepted = HwTimestampSetup.Enable(configured);
        Assert.Equal(HwTimestampStatus.AlreadyConfigured, accepted.Status);
        Assert.True(accepted.Usable);
        Assert.Equal(HwTimestampRxFilter.NtpAll, accepted.Config!.Value.RxFilter);

        var configuredAll = new ScriptedNic { Answer = f => (Eperm, f), Current = new HwTimestampConfig(0, HwTimestampTxType.On, HwTimestampRxFilter.All) };
        Assert.Equal(HwTimestampStatus.AlreadyConfigured, HwTimestampSetup.Enable(configuredAll).Status);

        var off = new ScriptedNic { Answer = f => (Eperm, f), Current = new HwTimestampConfig(0, HwTimestampTxType.Off, HwTimestampRxFilter.None) };
        var denied = HwTimestampSetup.Enable(off);
        Assert.Equal(HwTimestampStatus.PermissionDenied, denied.Status);
        Assert.False(denied.Usable);
        Assert.Equal(Eperm, denied.Errno);
    }

    [Theory]
    [InlineData(Einval)]
    [InlineData(Eopnotsupp)]
    public void Einval_and_eopnotsupp_mean_no_hardware_timestamping(int errno)
    {
        var nic = new ScriptedNic { Answer = f => (errno, f), GetErrno = Eopnotsupp };
        var outcome = HwTimestampSetup.Enable(nic);
        Assert.Equal(HwTimestampStatus.NotSupported, outcome.Status);
        Assert.Equal(errno, outcome.Errno);
        Assert.Single(nic.Requests); // no point trying other filters
    }

    [Fact]
    public void Filters_the_nic_does_not_list_are_not_tried()
    {
        var info = new EthtoolTimestampingInfo(
            TimestampingFlags.TxHardware | TimestampingFlags.RxHardware | TimestampingFlags.RawHardware, 0,
            0b11, (1u << (int)HwTimestampRxFilter.None) | (1u << (int)HwTimestampRxFilter.All));
        var nic = new ScriptedNic { Answer = f => (0, f) };
        var outcome = HwTimestampSetup.Enable(nic, info);
        Assert.Equal(HwTimestampRxFilter.All, outcome.RequestedFilter);
        Assert.Equal([HwTimestampRxFilter.All], nic.Requests.Select(r => r.RxFilter));
    }

    [Fact]
    public void Ethtool_ts_info_bytes_decode()
    {
        // A NIC with HW stamping and PHC 3: ethtool_ts_info as the kernel fills it.
        var bytes = new KernelBytes().U32(0x41).U32(0x5F).I32(3).U32(0b11).Zeros(12)
            .U32((1u << 0) | (1u << 1) | (1u << 15)).Zeros(12).ToArray();
        Assert.Equal(EthtoolTimestampingInfo.Size, bytes.Length);

        var info = EthtoolTimestampingInfo.Read(bytes);
        Assert.Equal(3, info.PhcIndex);
        Assert.True(info.SupportsHardwareTimestamping);
        Assert.True(info.Capabilities.HasFlag(TimestampingFlags.RxSoftware));
        Assert.True(info.SupportsTxType(HwTimestampTxType.On));
        Assert.False(info.SupportsTxType(HwTimestampTxType.OneStepSync));
        Assert.True(info.SupportsRxFilter(HwTimestampRxFilter.NtpAll));
        Assert.False(info.SupportsRxFilter(HwTimestampRxFilter.PtpV2Event));

        var request = new byte[EthtoolTimestampingInfo.Size];
        EthtoolTimestampingInfo.WriteRequest(request);
        Assert.Equal(new KernelBytes().U32(0x41).Zeros(40).ToArray(), request);
    }

    [Fact]
    public void Link_speed_decodes_from_link_settings_and_legacy_cmd_and_unknown_is_null()
    {
        var settings = new KernelBytes().U32(0x4c).U32(25_000).U8(1).Zeros(6).U8(unchecked((byte)-3)).Zeros(32).ToArray();
        Assert.Equal(48, settings.Length);
        Assert.Equal(25_000, EthtoolLinkSpeed.ReadLinkSettingsSpeedMbps(settings));
        Assert.Equal(-3, EthtoolLinkSpeed.ReadNwords(settings));

        var unknown = new KernelBytes().U32(0x4c).U32(0xFFFF_FFFF).Zeros(40).ToArray();
        Assert.Null(EthtoolLinkSpeed.ReadLinkSettingsSpeedMbps(unknown));

        // ethtool_cmd: speed 100000 split into speed (u16 at 12) and speed_hi (u16 at 28).
        var cmd = new KernelBytes().U32(1).U32(0).U32(0).U16(100_000 & 0xFFFF).U8(1).Zeros(13).U16(100_000 >> 16).Zeros(14).ToArray();
        Assert.Equal(44, cmd.Length);
        Assert.Equal(100_000, EthtoolLinkSpeed.ReadCmdSpeedMbps(cmd));
        var cmdUnknown = new KernelBytes().U32(1).Zeros(8).U16(0xFFFF).Zeros(14).U16(0xFFFF).Zeros(14).ToArray();
        Assert.Null(EthtoolLinkSpeed.ReadCmdSpeedMbps(cmdUnknown));
    }

    [Fact]
    public void Loopback_reports_software_timestamping_only_and_refuses_hardware_setup()
    {
        var lo = new NetworkInterfaceControl("lo");
        Assert.Equal(1, lo.GetIndex());

        var info = lo.GetTimestampingInfo();
        Assert.Equal(-1, info.PhcIndex);
        Assert.False(info.SupportsHardwareTimestamping);
        Assert.True(info.Capabilities.HasFlag(TimestampingFlags.RxSoftware));
        Assert.True(info.Capabilities.HasFlag(TimestampingFlags.Software));

        Assert.Null(lo.GetLinkSpeedMbps()); // lo has no ethtool link settings

        var outcome = lo.EnableHardwareTimestamping();
        Assert.False(outcome.Usable);
        Assert.Equal(HwTimestampStatus.NotSupported, outcome.Status);
        Assert.Contains(outcome.Errno, new[] { Einval, Eopnotsupp });
    }

    [Fact]
    public void Unknown_interface_is_enodev()
    {
        var error = Assert.Throws<KernelCallException>(() => new NetworkInterfaceControl("nosuchif9").GetIndex());
        Assert.Equal(19, error.Errno);
    }

    [Fact]
    public void Interface_enumeration_lists_loopback_with_index_and_addresses()
    {
        var interfaces = NetworkInterfaces.List();
        var lo = Assert.Single(interfaces, i => i.Name == "lo");
        Assert.Equal(1, lo.Index);
        Assert.Contains(System.Net.IPAddress.Loopback, lo.Addresses);
        Assert.Equal(interfaces.Count, interfaces.Select(i => i.Index).Distinct().Count());
    }

    private sealed class ScriptedNic : IHwTimestampControl
    {
        public required Func<HwTimestampRxFilter, (int Errno, HwTimestampRxFilter Actual)> Answer { get; init; }

        public HwTimestampConfig? Current { get; set; }

        public int GetErrno { get; init; }

        public List<HwTimestampConfig> Requests { get; } = [];

        public int Set(HwTimestampConfig requested, out HwTimestampConfig actual)
        {
            Requests.Add(requested);
            var (errno, filter) = Answer(requested.RxFilter);
            actual = errno == 0 ? requested with { RxFilter = filter } : default;
            if (errno == 0)
            {
                Current = actual;
            }

            return errno;
        }

        public int Get(out HwTimestampConfig current)
        {
            current = Current ?? default;
            return Current is null && GetErrno != 0 ? GetErrno : Current is null ? Eopnotsupp : 0;
        }
    }
}
