using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ParallelAgents.Benchmarks.Telemetry;

/// <summary>
/// An OTLP/HTTP receiver on a free loopback port that accepts everything: every POST under <c>/v1/</c> (traces,
/// metrics, logs) is read whole and answered 200 with an empty protobuf response, so an exporter pointed at it pays
/// the full cost of exporting. It counts requests and bytes per signal, and decodes the trace requests far enough to
/// count spans by scope and name, root spans, and distinct traces; metric and log requests are counted by their
/// metric streams and log records.
/// </summary>
public sealed class OtlpSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SignalCount> _signals = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Scope, string Name), SpanCount> _spans = [];
    private readonly HashSet<UInt128> _traces = [];

    private OtlpSink(WebApplication app) => _app = app;

    /// <summary>Base address for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (no path: the exporter appends <c>/v1/traces</c> etc.).</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Starts a sink.</summary>
    public static async Task<OtlpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new OtlpSink(app);
        app.MapPost("/v1/{signal}", sink.ReceiveAsync);
        await app.StartAsync();
        sink.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return sink;
    }

    /// <summary>Forgets what was received.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _signals.Clear();
            _spans.Clear();
            _traces.Clear();
        }
    }

    /// <summary>What was received since the last <see cref="Reset"/>.</summary>
    public SinkSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new SinkSnapshot(new Dictionary<string, SignalCount>(_signals), new Dictionary<(string, string), SpanCount>(_spans), _traces.Count);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ReceiveAsync(HttpContext http, string signal)
    {
        using var buffer = new MemoryStream();
        if (http.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            await using var gzip = new GZipStream(http.Request.Body, CompressionMode.Decompress, leaveOpen: true);
            await gzip.CopyToAsync(buffer, http.RequestAborted);
        }
        else
        {
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        }

        var wire = http.Request.ContentLength ?? buffer.Length;
        var data = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        var spans = new Dictionary<(string, string), SpanCount>();
        var traces = new HashSet<UInt128>();
        long entries = 0;
        switch (signal)
        {
            case "traces":
                CountSpans(data.Span, spans, traces);
                entries = spans.Values.Sum(s => s.Spans);
                break;
            case "metrics":
                // ExportMetricsServiceRequest: resource_metrics(1) → scope_metrics(2) → metrics(2).
                entries = CountLeaves(data.Span, 1, 2, 2);
                break;
            case "logs":
                // ExportLogsServiceRequest: resource_logs(1) → scope_logs(2) → log_records(2).
                entries = CountLeaves(data.Span, 1, 2, 2);
                break;
        }

        lock (_gate)
        {
            var count = _signals.GetValueOrDefault(signal);
            _signals[signal] = new SignalCount(count.Requests + 1, count.Bytes + wire, count.Entries + entries);
            foreach (var (key, value) in spans)
            {
                var seen = _spans.GetValueOrDefault(key);
                _spans[key] = new SpanCount(seen.Spans + value.Spans, seen.Roots + value.Roots);
            }

            _traces.UnionWith(traces);
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/x-protobuf";
    }

    /// <summary>ExportTraceServiceRequest: resource_spans(1) → scope_spans(2) → scope(1).name(1), spans(2) → trace_id(1), parent_span_id(4), name(5).</summary>
    private static void CountSpans(ReadOnlySpan<byte> request, Dictionary<(string, string), SpanCount> spans, HashSet<UInt128> traces)
    {
        var resources = new ProtoReader(request);
        while (resources.Next(out var field, out var type))
        {
            if (field != 1 || type != ProtoReader.Length)
            {
                resources.Skip(type);
                continue;
            }

            var resource = new ProtoReader(resources.Bytes());
            while (resource.Next(out field, out type))
            {
                if (field != 2 || type != ProtoReader.Length)
                {
                    resource.Skip(type);
                    continue;
                }

                var scopeSpans = resource.Bytes();
                var scopeName = "";
                var scan = new ProtoReader(scopeSpans);
                while (scan.Next(out field, out type))
                {
                    if (field == 1 && type == ProtoReader.Length)
                    {
                        var scope = new ProtoReader(scan.Bytes());
                        while (scope.Next(out var f, out var t))
                        {
                            if (f == 1 && t == ProtoReader.Length)
                            {
                                scopeName = Encoding.UTF8.GetString(scope.Bytes());
                            }
                            else
                            {
                                scope.Skip(t);
                            }
                        }
                    }
                    else
                    {
                        scan.Skip(type);
                    }
                }

                var reader = new ProtoReader(scopeSpans);
                while (reader.Next(out field, out type))
                {
                    if (field != 2 || type != ProtoReader.Length)
                    {
                        reader.Skip(type);
                        continue;
                    }

                    var span = new ProtoReader(reader.Bytes());
                    var name = "";
                    var root = true;
                    while (span.Next(out var f, out var t))
                    {
                        switch (f, t)
                        {
                            case (1, ProtoReader.Length):
                                var id = span.Bytes();
                                if (id.Length == 16)
                                {
                                    traces.Add(new UInt128(BitConverter.ToUInt64(id[..8]), BitConverter.ToUInt64(id[8..])));
                                }

                                break;
                            case (4, ProtoReader.Length):
                                root = span.Bytes().Length == 0;
                                break;
                            case (5, ProtoReader.Length):
                                name = Encoding.UTF8.GetString(span.Bytes());
                                break;
                            default:
                                span.Skip(t);
                                break;
                        }
                    }

                    var seen = spans.GetValueOrDefault((scopeName, name));
                    spans[(scopeName, name)] = new SpanCount(seen.Spans + 1, seen.Roots + (root ? 1 : 0));
                }
            }
        }
    }

    /// <summary>Counts the messages at the path of length-delimited fields <paramref name="path"/>.</summary>
    private static long CountLeaves(ReadOnlySpan<byte> message, params ReadOnlySpan<int> path)
    {
        long count = 0;
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var type))
        {
            if (field != path[0] || type != ProtoReader.Length)
            {
                reader.Skip(type);
                continue;
            }

            var inner = reader.Bytes();
            count += path.Length == 1 ? 1 : CountLeaves(inner, path[1..]);
        }

        return count;
    }

    /// <summary>Just enough of the protobuf wire format to walk messages.</summary>
    private ref struct ProtoReader(ReadOnlySpan<byte> data)
    {
        public const int Length = 2;

        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public bool Next(out int field, out int type)
        {
            if (_position >= _data.Length)
            {
                field = 0;
                type = 0;
                return false;
            }

            var key = Varint();
            field = (int)(key >> 3);
            type = (int)(key & 7);
            return true;
        }

        public ReadOnlySpan<byte> Bytes()
        {
            var length = (int)Varint();
            var bytes = _data.Slice(_position, length);
            _position += length;
            return bytes;
        }

        public void Skip(int type)
        {
            switch (type)
            {
                case 0:
                    Varint();
                    break;
                case 1:
                    _position += 8;
                    break;
                case Length:
                    Bytes();
                    break;
                case 5:
                    _position += 4;
                    break;
                default:
                    throw new InvalidDataException($"protobuf wire type {type} not expected in OTLP");
            }
        }

        private ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = _data[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
        }
    }
}

/// <summary>Requests, bytes on the wire, and entries (spans, metric streams, log records) of one signal.</summary>
public readonly record struct SignalCount(long Requests, long Bytes, long Entries);

/// <summary>Spans of one scope and name, and how many of them were roots (no parent).</summary>
public readonly record struct SpanCount(long Spans, long Roots);

/// <summary>What a <see cref="OtlpSink"/> received.</summary>
public sealed record SinkSnapshot(IReadOnlyDictionary<string, SignalCount> Signals, IReadOnlyDictionary<(string Scope, string Name), SpanCount> Spans, int Traces)
{
    /// <summary>The count of one signal (zero when none arrived).</summary>
    public SignalCount Signal(string name) => Signals.GetValueOrDefault(name);

    /// <summary>Spans of <paramref name="name"/>, whatever their scope.</summary>
    public long SpansNamed(string name) => Spans.Where(s => s.Key.Name == name).Sum(s => s.Value.Spans);
}
