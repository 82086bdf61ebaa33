using System.Text.Json;
using TimeActors.Service.Control;
using TimeActors.Service.Status;

namespace TimeActors.Service.Tests.Control;

/// <summary>The additive `hwts_timeout` object of a source in the status contract (issue 7, hwts-timeout = auto).</summary>
public sealed class HwTsTimeoutStatusJsonTests
{
    [Fact]
    public void A_source_that_knows_its_wait_adds_hwts_timeout_after_the_original_fields_and_reads_back()
    {
        var sample = SampleStatus.Create();
        var source = sample.Sources[0] with { HwTsTimeout = new HwTsTimeoutReport(true, 0.00625, 120, 3) };
        var status = sample with { Sources = [source] };

        var json = JsonDocument.Parse(StatusJson.Serialize(status)).RootElement.GetProperty("sources")[0];
        Assert.Equal(
            ["name", "address", "state", "reach", "poll_log2", "last_offset_s", "last_delay_s", "samples", "interleaved", "tx_stamps", "rx_stamps", "saved_responses", "hwts_timeout"],
            json.EnumerateObject().Select(p => p.Name));
        var hwts = json.GetProperty("hwts_timeout");
        Assert.Equal(["auto", "timeout_s", "stamps_measured", "stamps_missing"], hwts.EnumerateObject().Select(p => p.Name));
        Assert.True(hwts.GetProperty("auto").GetBoolean());
        Assert.Equal(0.00625, hwts.GetProperty("timeout_s").GetDouble());
        Assert.Equal((120, 3), (hwts.GetProperty("stamps_measured").GetInt64(), hwts.GetProperty("stamps_missing").GetInt64()));

        Assert.Equal(source, StatusJson.Parse(StatusJson.Serialize(status)).Sources[0]);
    }

    [Fact]
    public void Status_from_before_the_field_still_reads_with_the_wait_unknown()
    {
        var status = SampleStatus.Create();
        Assert.Null(status.Sources[0].HwTsTimeout);
        Assert.Null(StatusJson.Parse(StatusJson.Serialize(status)).Sources[0].HwTsTimeout);
    }
}
