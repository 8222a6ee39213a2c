using System.Text;

namespace ParallelAgents.Commands.Test.Sandbox;

/// <summary>Keeps the last <c>limit</c> characters of a stream of lines, thread-safe: a chatty runner cannot exhaust memory.</summary>
public sealed class BoundedOutput(int limit)
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _buffer = new();

    /// <summary>True when earlier output was dropped.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Appends one line.</summary>
    public void AppendLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (line.Length > limit)
            {
                line = line[^limit..];
                Truncated = true;
            }

            _buffer.Append(line).Append('\n');
            if (_buffer.Length > limit)
            {
                _buffer.Remove(0, _buffer.Length - limit);
                Truncated = true;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        lock (_gate)
        {
            return _buffer.ToString();
        }
    }
}
