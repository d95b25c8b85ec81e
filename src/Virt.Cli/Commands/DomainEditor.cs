using System.Diagnostics;
using System.Text;
using Virt.Api;
using Virt.Api.Domains;
using Virt.Api.Errors;
using Virt.Cli.Shell;

namespace Virt.Cli.Commands;

/// <summary>
/// virsh's <c>edit</c> (virsh-edit.c): the inactive XML with secrets into a temporary file, the
/// user's editor on it (<c>$VISUAL</c>, <c>$EDITOR</c>, else <c>vi</c>), then — if it changed and nobody
/// else changed the domain meanwhile — define it again. When that fails on a terminal, virsh's
/// question: start the editor again, throw the changes away, try again without validation, or
/// force the same text again.
/// </summary>
internal sealed class DomainEditor(CommandContext ctx, Domain dom, DomainDefineFlags defineFlags, bool yaml)
{
    /// <summary>Characters an editor command may hold to be run directly rather than through <c>sh -c</c>.</summary>
    private const string AcceptedChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-/_.:@";

    private const DomainXmlFlags QueryFlags = DomainXmlFlags.Secure | DomainXmlFlags.Inactive;

    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var doc = await GetAsync(ct);
        var tmp = WriteTempFile(doc);
        try
        {
            var relaxAvailable = true;
            var flags = defineFlags;
            string edited;
            while (true) // reedit
            {
                RunEditor(tmp);
                edited = ReadBack(tmp);
                if (edited == doc)
                {
                    ctx.PrintExtra($"Domain '{dom.Name}' XML configuration not changed.\n");
                    return true;
                }

                while (true) // redefine
                {
                    string? message = null;
                    VirtException? failure = null;
                    Domain? defined = null;
                    var reread = await GetAsync(ct);
                    if (reread != doc)
                    {
                        message = "The XML configuration was changed by another user.";
                        doc = reread;
                    }
                    if (message is null)
                    {
                        try
                        {
                            var xml = DomainDocument.ToXml(edited, "Failed.");
                            defined = await ctx.Connection.DefineXmlAsync(xml, flags, ct);
                        }
                        catch (VirtException ex)
                        {
                            failure = ex;
                            message = "Failed.";
                        }
                        catch (CommandFailure cf) when (cf.Cause is not null)
                        {
                            failure = cf.Cause;
                            message = "Failed.";
                        }
                    }
                    if (message is null)
                    {
                        ctx.PrintExtra($"Domain '{defined!.Name}' XML configuration edited.\n");
                        return true;
                    }

                    switch (AskReedit(message, failure, relaxAvailable))
                    {
                        case 'y':
                            goto reedit;
                        case 'f':
                            continue;
                        case 'i' when relaxAvailable:
                            flags &= ~DomainDefineFlags.Validate;
                            relaxAvailable = false;
                            continue;
                        case 'i' or 'n':
                            return false;
                        default:
                            // Without a terminal virsh 9.0 prints only "Failed." and then claims success for
                            // a '(null)' domain; we report why and fail instead.
                            if (failure is not null) ctx.PrintError(failure.Message);
                            ctx.PrintError(message);
                            return false;
                    }
                }
                reedit:;
            }
        }
        finally
        {
            File.Delete(tmp);
        }
    }

    private async Task<string> GetAsync(CancellationToken ct)
    {
        var xml = await dom.GetXmlDescAsync(QueryFlags, ct);
        return yaml ? DomainDocument.ToYaml(xml) : xml;
    }

    /// <summary>virsh's <c>vshEditWriteToTempFile</c>: <c>$TMPDIR/virtXXXXXX.xml</c>, readable by us only.</summary>
    private string WriteTempFile(string doc)
    {
        var dir = ctx.Environment.GetVariable("TMPDIR");
        if (string.IsNullOrEmpty(dir)) dir = "/tmp";
        const string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (var attempt = 0; ; attempt++)
        {
            var suffix = string.Concat(Enumerable.Range(0, 6).Select(_ => letters[Random.Shared.Next(letters.Length)]));
            var path = Path.Combine(dir, $"virt{suffix}.{(yaml ? "yaml" : "xml")}");
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var stream = new FileStream(path, options);
                stream.Write(Encoding.UTF8.GetBytes(doc));
                return path;
            }
            catch (IOException) when (attempt < 100 && File.Exists(path))
            {
                // taken: try another name
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CommandFailure($"failed to create temporary file: {ex.Message}");
            }
        }
    }

    /// <summary>virsh's <c>vshEditFile</c>: the editor on the terminal we run on; a failing editor fails the command.</summary>
    private void RunEditor(string file)
    {
        var editor = ctx.Environment.GetVariable("VISUAL");
        if (string.IsNullOrEmpty(editor)) editor = ctx.Environment.GetVariable("EDITOR");
        if (string.IsNullOrEmpty(editor)) editor = "vi";

        ProcessStartInfo psi;
        string shown;
        if (editor.All(AcceptedChars.Contains))
        {
            psi = new ProcessStartInfo(editor) { ArgumentList = { file } };
            shown = $"{editor} {file}";
        }
        else
        {
            psi = new ProcessStartInfo("sh") { ArgumentList = { "-c", $"{editor} {file}" } };
            shown = $"sh -c '{editor} {file}'";
        }
        psi.UseShellExecute = false;
        ctx.Out.Flush();
        int exit;
        try
        {
            using var process = Process.Start(psi)!;
            process.WaitForExit();
            exit = process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // What libvirt's child prints before exiting 127 when the editor cannot be executed.
            ctx.Error.Write($"libvirt:  error : cannot execute binary {editor}: No such file or directory\n");
            exit = 127;
        }
        if (exit != 0)
            throw new CommandFailure(null, VirtErrors.Internal($"Child process ({shown}) unexpected exit status {exit}", ErrorDomain.None));
    }

    private static string ReadBack(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailure($"Failed to read file '{file}': {ex.Message}");
        }
    }

    /// <summary>
    /// virsh's <c>vshAskReedit</c>: only on a terminal (otherwise -1); the define error first, then the
    /// question in raw mode until one of the offered letters is typed.
    /// </summary>
    private int AskReedit(string message, VirtException? failure, bool relaxAvailable)
    {
        if (!ctx.Terminal.StdinIsTty) return -1;
        if (failure is not null) ctx.PrintError(failure.Message);
        ctx.Out.Flush();
        int c;
        using (Terminal.MakeRaw(Terminal.StdinFd))
        {
            var one = new byte[1];
            while (true)
            {
                Write($"\r{message} Try again? {(relaxAvailable ? "[y,n,i,f,?]" : "[y,n,f,?]")}: ");
                c = Terminal.Read(Terminal.StdinFd, one) == 1 ? char.ToLowerInvariant((char)one[0]) : 'n';
                if (c == '?')
                {
                    Write("\r\ny - yes, start editor again\r\nn - no, throw away my changes\r\n");
                    if (relaxAvailable) Write("i - turn off validation and try to redefine again\r\n");
                    Write("f - force, try to redefine again\r\n? - print this help\r\n");
                    continue;
                }
                if (c is 'y' or 'n' or 'f' || (relaxAvailable && c == 'i')) break;
            }
        }
        Write("\r\n");
        return c;
    }

    private void Write(string text)
    {
        ctx.Out.Write(text);
        ctx.Out.Flush();
    }
}
