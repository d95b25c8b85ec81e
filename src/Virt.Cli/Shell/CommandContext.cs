using System.Diagnostics;
using System.Globalization;
using Virt.Api;
using Virt.Api.Drivers;
using Virt.Api.Errors;

namespace Virt.Cli.Shell;

/// <summary>Which of the standard streams are terminals (colour, the line editor, console and edit prompts).</summary>
public sealed record TerminalInfo(bool StdinIsTty, bool StdoutIsTty, bool StderrIsTty)
{
    public static readonly TerminalInfo None = new(false, false, false);
}

/// <summary>
/// The session every command works in (virsh's <c>vshControl</c>): the output streams and the
/// global settings, the connection — opened on demand, or at once when <c>-c</c> named it, as virsh
/// does — and the switch <c>quit</c> flips.
/// </summary>
public sealed class CommandContext : IAsyncDisposable
{
    private Connect? _connection;
    private StreamWriter? _log;

    public CommandContext(TextWriter stdout, TextWriter stderr, GlobalOptions options, ProcessEnvironment environment,
        TerminalInfo terminal, TextReader? stdin = null)
    {
        Out = stdout;
        Error = stderr;
        Options = options;
        Environment = environment;
        Terminal = terminal;
        Input = stdin ?? TextReader.Null;
        ConnectName = options.ConnectUri;
        ReadOnly = options.ReadOnly;
        ColorOut = terminal.StdoutIsTty && ColorAllowed(environment);
        ColorErr = terminal.StderrIsTty && ColorAllowed(environment);
    }

    public TextWriter Out { get; }
    public TextWriter Error { get; }
    public TextReader Input { get; }
    public GlobalOptions Options { get; }
    public ProcessEnvironment Environment { get; }
    public TerminalInfo Terminal { get; }
    public bool Quiet => Options.Quiet;

    /// <summary>Colour on stdout: only on a terminal, never with <c>NO_COLOR</c> or <c>TERM=dumb</c>.</summary>
    public bool ColorOut { get; }
    public bool ColorErr { get; }

    /// <summary>The interactive shell is running (commands such as <c>quit</c> behave accordingly).</summary>
    public bool Interactive { get; set; }

    /// <summary>Set by <c>quit</c>/<c>exit</c>: nothing more runs, not even the rest of the line.</summary>
    public bool QuitRequested { get; set; }

    /// <summary>The interactive shell's history (null outside the shell).</summary>
    public History? History { get; set; }

    /// <summary>Every command, for <c>help</c> and completion.</summary>
    public Commands.CommandCatalog Catalog
    {
        get => _catalog ?? throw new InvalidOperationException("the command catalog is not set up");
        set => _catalog = value;
    }

    private Commands.CommandCatalog? _catalog;

    /// <summary>virsh's <c>connname</c>: the URI from <c>-c</c> or the last <c>connect --name</c>; null means the default.</summary>
    public string? ConnectName { get; private set; }

    /// <summary>Whether connections open read-only (<c>-r</c>, or the last <c>connect --readonly</c>).</summary>
    public bool ReadOnly { get; private set; }

    public bool IsConnected => _connection is not null;

    public Connect Connection => _connection ?? throw new InvalidOperationException("no connection has been opened");

    /// <summary>The connection a command needs, opened now if there is none yet; false (errors printed) when that fails.</summary>
    public async Task<bool> EnsureConnectedAsync(CancellationToken ct) =>
        _connection is not null || await ReconnectAsync(null, ReadOnly, ct).ConfigureAwait(false);

    /// <summary>
    /// virsh's <c>virshReconnect</c>: closes the open connection, opens <paramref name="name"/> (or the
    /// remembered/default URI) and sets up keepalive; on failure prints virsh's two error lines.
    /// </summary>
    public async Task<bool> ReconnectAsync(string? name, bool readOnly, CancellationToken ct)
    {
        if (_connection is not null)
        {
            var old = _connection;
            _connection = null;
            await old.DisposeAsync().ConfigureAwait(false);
        }
        var uri = DefaultConnectUri.Resolve(name ?? ConnectName, Environment);
        Connect connection;
        if (!HasScheme(uri))
        {
            // libvirt's own words for a URI without a driver name.
            PrintError("failed to connect to the hypervisor");
            PrintError($"no connection driver available for URI '{uri}' does not include a driver name");
            return false;
        }
        try
        {
            connection = await Connect.OpenAsync(uri, readOnly ? ConnectFlags.ReadOnly : ConnectFlags.None, ct)
                .ConfigureAwait(false);
        }
        catch (VirtException ex)
        {
            PrintError("failed to connect to the hypervisor");
            PrintError(ex.Message);
            return false;
        }

        if (Options.KeepaliveInterval > 0)
        {
            try
            {
                await connection.Driver.SetKeepAliveAsync(Options.KeepaliveInterval, (uint)Options.KeepaliveCount, ct)
                    .ConfigureAwait(false);
            }
            catch (VirtException ex)
            {
                if (Options.KeepaliveForced)
                {
                    PrintError("Cannot setup keepalive on connection as requested, disconnecting");
                    await connection.DisposeAsync().ConfigureAwait(false);
                    PrintError("failed to connect to the hypervisor");
                    PrintError(ex.Message);
                    return false;
                }
                Debug(1, "Failed to setup keepalive on connection");
            }
        }

        if (name is not null) ConnectName = name;
        ReadOnly = readOnly;
        _connection = connection;
        return true;
    }

    /// <summary>virsh's <c>vshPrint</c>: the command's data, always printed.</summary>
    public void Print(string text) => Out.Write(text);

    /// <summary>virsh's <c>vshPrintExtra</c>: messages and decoration that <c>-q</c> silences.</summary>
    public void PrintExtra(string text)
    {
        if (!Quiet) Out.Write(text);
    }

    /// <summary>virsh's <c>vshError</c>: <c>error: MESSAGE</c> on stderr (after what stdout holds so far), and in the log.</summary>
    public void PrintError(string message)
    {
        Out.Flush();
        Error.Write((ColorErr ? Ansi.Red("error") : "error") + ": " + message + "\n");
        Error.Flush();
        Log("ERROR", message);
    }

    /// <summary>virsh's <c>vshDebug</c>: shown on stdout when <c>-d</c> is at or below <paramref name="level"/>.</summary>
    public void Debug(int level, string message)
    {
        if (level < Options.DebugLevel) return;
        Out.Write(message + "\n");
        Log(level == 0 ? "DEBUG" : level == 1 ? "INFO" : level == 2 ? "NOTICE" : "WARNING", message);
    }

    /// <summary>Opens <c>-l FILE</c> for appending; false (error printed) when it cannot be opened.</summary>
    public bool OpenLog()
    {
        if (Options.LogFile is null) return true;
        try
        {
            _log = new StreamWriter(new FileStream(Options.LogFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            {
                AutoFlush = true,
                NewLine = "\n",
            };
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            PrintError("failed to open the log file. check the log file path");
            return false;
        }
    }

    /// <summary>virsh's log line: <c>[2026.11.22 01:22:28 virsh 23400] ERROR message</c>, here with our name.</summary>
    private void Log(string level, string message)
    {
        if (_log is null) return;
        var stamp = DateTime.Now.ToString("yyyy.MM.dd HH:mm:ss", CultureInfo.InvariantCulture);
        _log.Write($"[{stamp} virt {System.Environment.ProcessId}] {level} {message}\n");
    }

    /// <summary>A URI's scheme as libxml2's URI parser sees one: a letter, then letters, digits, '+', '-' or '.', then ':'.</summary>
    private static bool HasScheme(string uri)
    {
        var colon = uri.IndexOf(':');
        return colon > 0 && char.IsAsciiLetter(uri[0]) && uri[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
    }

    private static bool ColorAllowed(ProcessEnvironment env) =>
        string.IsNullOrEmpty(env.GetVariable("NO_COLOR")) && env.GetVariable("TERM") is not (null or "dumb");

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            var c = _connection;
            _connection = null;
            await c.DisposeAsync().ConfigureAwait(false);
        }
        if (_log is not null) await _log.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Milliseconds since <paramref name="start"/>, as virsh's <c>--timing</c> prints them.</summary>
    public static string Elapsed(long start) =>
        Stopwatch.GetElapsedTime(start).TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture);
}
