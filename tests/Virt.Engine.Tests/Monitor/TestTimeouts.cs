namespace Virt.Engine.Tests.Monitor;

/// <summary>
/// Generous bounds so a broken build fails instead of hanging; they are not speed assertions
/// (speed lives in bench/).
/// </summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan QemuStart = TimeSpan.FromSeconds(60);
}
