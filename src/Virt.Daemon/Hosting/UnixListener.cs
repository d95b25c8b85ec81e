using System.Net.Sockets;

namespace Virt.Daemon.Hosting;

/// <summary>
/// A listening AF_UNIX stream socket with the file mode the daemon wants (read-write 0600,
/// read-only 0666 by default). A socket file left by a dead daemon is replaced; one a live daemon
/// answers on is not (that is "already running"). The file is removed on dispose.
/// </summary>
internal sealed class UnixListener : IDisposable
{
    private readonly Socket _socket;

    private UnixListener(Socket socket, string path, bool readOnly)
    {
        _socket = socket;
        Path = path;
        ReadOnly = readOnly;
    }

    public string Path { get; }

    /// <summary>Clients of this socket get read-only connections.</summary>
    public bool ReadOnly { get; }

    public static UnixListener Bind(string path, UnixFileMode mode, bool readOnly)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (File.Exists(path) || Directory.Exists(path))
        {
            if (IsAnswering(path))
                throw new DaemonStartException($"{path} is in use: another daemon is already listening there");
            File.Delete(path);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            // Before listen() nobody can connect, so the mode is right before the socket is usable.
            File.SetUnixFileMode(path, mode);
            socket.Listen(512);
            return new UnixListener(socket, path, readOnly);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new DaemonStartException($"cannot listen on {path}: {ex.Message}");
        }
    }

    /// <summary>True when something accepts connections on the socket file at <paramref name="path"/>.</summary>
    public static bool IsAnswering(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public ValueTask<Socket> AcceptAsync(CancellationToken ct) => _socket.AcceptAsync(ct);

    public void Dispose()
    {
        _socket.Dispose();
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // already gone
        }
    }
}

/// <summary>The daemon cannot start (socket in use, another instance, bad directory); reported and exit status 1.</summary>
internal sealed class DaemonStartException(string message) : Exception(message);
