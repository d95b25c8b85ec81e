using System.Text;
using Virt.Cli.Shell;

namespace Virt.Cli.Tests.Unit;

/// <summary>The line editor fed keystrokes directly (what a terminal in raw mode would send).</summary>
public sealed class LineEditorTests
{
    private static (string? Line, string Screen) Read(string keys, IReadOnlyList<string>? history = null, int columns = 80,
        Func<string, (int, IReadOnlyList<string>)>? complete = null)
    {
        var bytes = new Queue<byte>(Encoding.UTF8.GetBytes(keys));
        var screen = new StringBuilder();
        var editor = new LineEditor(() => bytes.Count > 0 ? bytes.Dequeue() : -1, s => screen.Append(s), () => columns, complete);
        return (editor.ReadLine("virt # ", history ?? []), screen.ToString());
    }

    [Theory]
    [InlineData("uri\r", "uri")]
    [InlineData("uri\n", "uri")]
    [InlineData("ur\u007fri\r", "uri")]
    [InlineData("ri\u0001u\r", "uri")]
    [InlineData("ri\u001b[Hu\r", "uri")]
    [InlineData("ri\u001b[1~u\r", "uri")]
    [InlineData("ui\u0002r\r", "uri")]
    [InlineData("ui\u001b[Dr\r", "uri")]
    [InlineData("uxri\u0001\u0006\u0004\r", "uri")]
    [InlineData("uxri\u0001\u001b[C\u001b[3~\r", "uri")]
    [InlineData("list --all\u0017uri\r", "list uri")]
    [InlineData("list --all\u0001\u000buri\r", "uri")]
    [InlineData("list --all\u0015uri\r", "uri")]
    [InlineData("u\u0001\u0005ri\r", "uri")]
    [InlineData("u\u001bOFri\r", "uri")]
    [InlineData("dom\u00e9\r", "dom\u00e9")]
    [InlineData("x\u001b[1;5Cy\r", "xy")]
    public void EditingKeys(string keys, string line) => Assert.Equal(line, Read(keys).Line);

    [Fact]
    public void CtrlDOnAnEmptyLineIsEndOfInput() => Assert.Null(Read("\u0004").Line);

    [Fact]
    public void EndOfInputIsEndOfInput() => Assert.Null(Read("uri").Line);

    [Fact]
    public void CtrlCDropsTheLine()
    {
        var (line, screen) = Read("domstate\u0003");
        Assert.Equal("", line);
        Assert.EndsWith("^C\r\n", screen);
    }

    [Fact]
    public void UpAndDownWalkTheHistoryAndComeBackToTheLineBeingTyped()
    {
        string[] history = ["one", "two"];
        Assert.Equal("two", Read("\u001b[A\r", history).Line);
        Assert.Equal("one", Read("\u001b[A\u001b[A\u001b[A\r", history).Line);
        Assert.Equal("two", Read("\u001b[A\u001b[A\u001b[B\r", history).Line);
        Assert.Equal("draft", Read("draft\u001b[A\u001b[B\r", history).Line);
        Assert.Equal("one", Read("\u0010\u0010\r", history).Line);
    }

    [Fact]
    public void TypingAtTheEndEchoesOnly()
    {
        var (_, screen) = Read("uri\r");
        Assert.Equal("virt # uri\r\n", screen);
    }

    [Fact]
    public void TabCompletesAUniqueCandidateAndTheCommonPrefix()
    {
        (int, IReadOnlyList<string>) Complete(string line)
        {
            var start = line.LastIndexOf(' ') + 1;
            var word = line[start..];
            return (start, new[] { "domstate", "domblklist", "domblkinfo" }.Where(c => c.StartsWith(word, StringComparison.Ordinal)).ToList());
        }
        Assert.Equal("domstate x", Read("doms\tx\r", complete: Complete).Line);
        Assert.Equal("domblkx", Read("domb\tx\r", complete: Complete).Line);
        var (line, screen) = Read("domb\t\t\r", complete: Complete);
        Assert.Equal("domblk", line);
        Assert.Contains("domblklist  domblkinfo\r\n", screen);
    }

    [Fact]
    public void LongLinesWrapOverRows()
    {
        var text = new string('x', 100);
        var (line, screen) = Read(text + "\u0001y\r", columns: 40);
        Assert.Equal("y" + text, line);
        Assert.Contains("\u001b[1A", screen);
    }
}
