using Virt.Rpc.Protocol;

namespace Virt.Rpc.Tests.Captures;

/// <summary>Every message libvirtd and its clients exchanged in the captures, through our codecs and back.</summary>
public sealed class CaptureRoundTripTests
{
    public static TheoryData<string> HexFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in CaptureFiles.HexFileNames()) data.Add(file);
        return data;
    }

    [Fact]
    public void Captures_directory_is_found_and_complete()
    {
        Assert.True(Directory.Exists(CaptureFiles.Directory), CaptureFiles.Directory);
        Assert.True(CaptureFiles.HexFileNames().Count() >= 72, "expected the 72 capture files of SPEC §h");
    }

    [Theory]
    [MemberData(nameof(HexFiles))]
    public void Every_message_round_trips_byte_identically(string hexFile)
    {
        var messages = CaptureFiles.Load(hexFile);
        Assert.NotEmpty(messages);
        var stats = new CaptureStats();
        foreach (var message in messages) CaptureChecker.Check(message, stats);
        Assert.Equal(messages.Count, stats.Messages);
    }

    [Fact]
    public void All_captures_together_exercise_every_message_kind()
    {
        var stats = new CaptureStats();
        foreach (var file in CaptureFiles.HexFileNames())
        foreach (var message in CaptureFiles.Load(file))
            CaptureChecker.Check(message, stats);

        Assert.Equal(1917, stats.Messages);
        Assert.Equal(890, stats.Calls);
        Assert.Equal(stats.Calls - 1, stats.Replies); // one CALL was answered with an error
        Assert.Equal(1, stats.ErrorReplies);
        Assert.Equal(8, stats.Events);
        Assert.Equal(109, stats.StreamData);
        Assert.Equal(4, stats.StreamFinish);
        Assert.Equal(16, stats.Keepalives);
        Assert.True(stats.TextValuesChecked >= 1700, $"values checked against the decoded text: {stats.TextValuesChecked}");

        // Every procedure in the required tier was seen on the wire, and nothing captured is missing from the table.
        var required = ProcedureTable.All.Where(e => e.Tier == ProcedureTier.Required).Select(e => e.Number);
        Assert.Empty(required.Except(stats.Procedures));
    }
}
