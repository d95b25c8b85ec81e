using System.Text;

namespace Virt.Cli.Shell;

/// <summary>
/// A small readline for the interactive shell: editing keys (arrows, Home/End, Delete, Ctrl+A/E/B/F,
/// Ctrl+K/U/W, Ctrl+L), history with Up/Down (Ctrl+P/N), Tab completion, Ctrl+C to drop the line and
/// Ctrl+D on an empty line to end input. It reads bytes from a terminal in raw mode and redraws the
/// line itself, wrapping over several rows as linenoise does, so it depends on nothing but VT100
/// sequences.
/// </summary>
public sealed class LineEditor(Func<int> readByte, Action<string> write, Func<int> columns, Func<string, (int Start, IReadOnlyList<string> Candidates)>? complete)
{
    private readonly StringBuilder _line = new();
    private int _pos;
    private int _oldPos;
    private int _maxRows;
    private string _prompt = "";

    /// <summary>Reads one line; null at end of input (Ctrl+D on an empty line, or the terminal closed).</summary>
    public string? ReadLine(string prompt, IReadOnlyList<string> history)
    {
        _prompt = prompt;
        _line.Clear();
        _pos = _oldPos = 0;
        _maxRows = 0;
        var historyIndex = history.Count;
        string? pending = null;
        var lastWasTab = false;
        write(prompt);

        while (true)
        {
            var key = ReadKey();
            if (key != Key.Tab) lastWasTab = false;
            switch (key)
            {
                case Key.Eof:
                    return null;
                case Key.Enter:
                    if (_pos != _line.Length)
                    {
                        _pos = _line.Length;
                        Refresh();
                    }
                    write("\r\n");
                    return _line.ToString();
                case Key.CtrlC:
                    write("^C\r\n");
                    return "";
                case Key.CtrlD:
                    if (_line.Length == 0)
                    {
                        write("\r\n");
                        return null;
                    }
                    if (_pos < _line.Length) Remove(_pos, 1);
                    break;
                case Key.Backspace:
                    if (_pos > 0)
                    {
                        _pos--;
                        Remove(_pos, 1);
                    }
                    break;
                case Key.Delete:
                    if (_pos < _line.Length) Remove(_pos, 1);
                    break;
                case Key.Left:
                    if (_pos > 0) _pos--;
                    Refresh();
                    break;
                case Key.Right:
                    if (_pos < _line.Length) _pos++;
                    Refresh();
                    break;
                case Key.Home:
                    _pos = 0;
                    Refresh();
                    break;
                case Key.End:
                    _pos = _line.Length;
                    Refresh();
                    break;
                case Key.KillToEnd:
                    _line.Remove(_pos, _line.Length - _pos);
                    Refresh();
                    break;
                case Key.KillToStart:
                    Remove(0, _pos);
                    _pos = 0;
                    Refresh();
                    break;
                case Key.KillWord:
                    var start = _pos;
                    while (start > 0 && _line[start - 1] == ' ') start--;
                    while (start > 0 && _line[start - 1] != ' ') start--;
                    Remove(start, _pos - start);
                    _pos = start;
                    Refresh();
                    break;
                case Key.ClearScreen:
                    write("\u001b[H\u001b[2J");
                    _maxRows = 0;
                    _oldPos = 0;
                    Refresh();
                    break;
                case Key.Up:
                case Key.Down:
                    if (history.Count == 0) break;
                    if (historyIndex == history.Count) pending = _line.ToString();
                    historyIndex = Math.Clamp(historyIndex + (key == Key.Up ? -1 : 1), 0, history.Count);
                    Replace(historyIndex == history.Count ? pending ?? "" : history[historyIndex]);
                    break;
                case Key.Tab:
                    Complete(lastWasTab);
                    lastWasTab = true;
                    break;
                case Key.Text:
                    _line.Insert(_pos, _text);
                    _pos += _text.Length;
                    if (_pos == _line.Length && _prompt.Length + _line.Length < columns())
                    {
                        // Typing at the end of a line that fits: just echo it.
                        write(_text);
                        _oldPos = _pos;
                        _maxRows = Math.Max(_maxRows, 1);
                    }
                    else
                    {
                        Refresh();
                    }
                    break;
            }
        }
    }

    private string _text = "";

    private enum Key
    {
        Text, Enter, Eof, CtrlC, CtrlD, Backspace, Delete, Left, Right, Home, End, Up, Down, Tab, KillToEnd,
        KillToStart, KillWord, ClearScreen, Ignore,
    }

    private Key ReadKey()
    {
        while (true)
        {
            var b = readByte();
            switch (b)
            {
                case < 0: return Key.Eof;
                case '\r' or '\n': return Key.Enter;
                case 3: return Key.CtrlC;
                case 4: return Key.CtrlD;
                case 1: return Key.Home;
                case 5: return Key.End;
                case 2: return Key.Left;
                case 6: return Key.Right;
                case 8 or 127: return Key.Backspace;
                case 9: return Key.Tab;
                case 11: return Key.KillToEnd;
                case 12: return Key.ClearScreen;
                case 14: return Key.Down;
                case 16: return Key.Up;
                case 21: return Key.KillToStart;
                case 23: return Key.KillWord;
                case 27:
                    var k = ReadEscape();
                    if (k != Key.Ignore) return k;
                    continue;
                case < 32: continue;
            }
            // Printable: gather the rest of a UTF-8 sequence.
            var bytes = new List<byte> { (byte)b };
            var extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
            for (var i = 0; i < extra; i++)
            {
                var next = readByte();
                if (next < 0) break;
                bytes.Add((byte)next);
            }
            _text = Encoding.UTF8.GetString(bytes.ToArray());
            return Key.Text;
        }
    }

    /// <summary>The VT100/xterm sequences for arrows, Home/End and Delete (<c>ESC [ …</c> and <c>ESC O …</c>).</summary>
    private Key ReadEscape()
    {
        var b = readByte();
        if (b is not ('[' or 'O')) return Key.Ignore;
        var c = readByte();
        switch (c)
        {
            case 'A': return Key.Up;
            case 'B': return Key.Down;
            case 'C': return Key.Right;
            case 'D': return Key.Left;
            case 'H': return Key.Home;
            case 'F': return Key.End;
        }
        if (c is >= '0' and <= '9')
        {
            var number = c - '0';
            int d;
            while ((d = readByte()) is >= '0' and <= '9') number = number * 10 + (d - '0');
            while (d == ';' || d is >= '0' and <= '9') d = readByte(); // modifiers: ignored
            if (d == '~')
            {
                return number switch
                {
                    1 or 7 => Key.Home,
                    4 or 8 => Key.End,
                    3 => Key.Delete,
                    _ => Key.Ignore,
                };
            }
            return d switch
            {
                'A' => Key.Up,
                'B' => Key.Down,
                'C' => Key.Right,
                'D' => Key.Left,
                'H' => Key.Home,
                'F' => Key.End,
                _ => Key.Ignore,
            };
        }
        return Key.Ignore;
    }

    private void Remove(int start, int count)
    {
        _line.Remove(start, count);
        Refresh();
    }

    private void Replace(string text)
    {
        _line.Clear().Append(text);
        _pos = _line.Length;
        Refresh();
    }

    private void Complete(bool listAll)
    {
        if (complete is null) return;
        var before = _line.ToString(0, _pos);
        var (start, candidates) = complete(before);
        if (candidates.Count == 0) return;
        var word = before[start..];
        if (candidates.Count == 1)
        {
            var insert = candidates[0] + (candidates[0].EndsWith('/') ? "" : " ");
            _line.Remove(start, _pos - start).Insert(start, insert);
            _pos = start + insert.Length;
            Refresh();
            return;
        }
        var common = candidates.Aggregate((a, b) =>
        {
            var n = 0;
            while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
            return a[..n];
        });
        if (common.Length > word.Length)
        {
            _line.Remove(start, _pos - start).Insert(start, common);
            _pos = start + common.Length;
            Refresh();
            return;
        }
        if (!listAll) return;
        // Second Tab: show the choices in columns under the line, then the line again.
        var width = Math.Max(1, columns());
        var cell = candidates.Max(c => c.Length) + 2;
        var perRow = Math.Max(1, width / cell);
        var sb = new StringBuilder();
        for (var i = 0; i < candidates.Count; i++)
        {
            sb.Append(candidates[i].PadRight(i % perRow == perRow - 1 || i == candidates.Count - 1 ? 0 : cell));
            if (i % perRow == perRow - 1 || i == candidates.Count - 1) sb.Append("\r\n");
        }
        MoveToEnd();
        write(sb.ToString());
        _maxRows = 0;
        _oldPos = 0;
        Refresh();
    }

    private void MoveToEnd()
    {
        _pos = _line.Length;
        Refresh();
        write("\r\n");
    }

    /// <summary>linenoise's multi-line refresh: clear the rows the line used, write it again, put the cursor back.</summary>
    private void Refresh()
    {
        var cols = Math.Max(1, columns());
        var plen = _prompt.Length;
        var len = _line.Length;
        var rows = (plen + len + cols - 1) / cols;
        var rpos = (plen + _oldPos + cols) / cols;
        var oldRows = _maxRows;
        if (rows > _maxRows) _maxRows = rows;

        var sb = new StringBuilder();
        if (oldRows - rpos > 0) sb.Append($"\u001b[{oldRows - rpos}B");
        for (var j = 0; j < oldRows - 1; j++) sb.Append("\r\u001b[0K\u001b[1A");
        sb.Append("\r\u001b[0K");
        sb.Append(_prompt).Append(_line);
        if (_pos > 0 && _pos == len && (_pos + plen) % cols == 0)
        {
            sb.Append("\n\r");
            rows++;
            if (rows > _maxRows) _maxRows = rows;
        }
        var rpos2 = (plen + _pos + cols) / cols;
        if (rows - rpos2 > 0) sb.Append($"\u001b[{rows - rpos2}A");
        var col = (plen + _pos) % cols;
        sb.Append(col > 0 ? $"\r\u001b[{col}C" : "\r");
        _oldPos = _pos;
        write(sb.ToString());
    }
}
