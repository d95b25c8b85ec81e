namespace Virt.Cli.Shell;

/// <summary>The few SGR colours <c>virt</c> uses on a terminal (never in pipes or files).</summary>
public static class Ansi
{
    public static string Red(string text) => "\u001b[1;31m" + text + "\u001b[0m";
    public static string Green(string text) => "\u001b[32m" + text + "\u001b[0m";
    public static string Yellow(string text) => "\u001b[33m" + text + "\u001b[0m";
    public static string Dim(string text) => "\u001b[2m" + text + "\u001b[0m";

    /// <summary>A domain state word in the colour that says at a glance whether it runs.</summary>
    public static string State(string state) => state switch
    {
        "running" => Green(state),
        "paused" or "pmsuspended" or "in shutdown" => Yellow(state),
        "crashed" => Red(state),
        "shut off" => Dim(state),
        _ => state,
    };
}
