using System.Text;
using Virt.Api.Errors;

namespace Virt.Engine.Host;

/// <summary>
/// Writes a file so that readers see the old or the new content, never a part: write a temporary
/// file in the same directory, flush it to disk, then rename it over the target. A full disk or a
/// crash leaves the old file untouched.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        var dir = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = Encoding.UTF8.GetBytes(content);
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException ex)
        {
            TryDelete(temp);
            throw VirtErrors.SystemError($"cannot write file '{path}': {ex.Message}", inner: ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            TryDelete(temp);
            throw VirtErrors.SystemError($"cannot write file '{path}': {ex.Message}", inner: ex);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
