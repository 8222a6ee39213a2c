using System.Text.Json;
using System.Text.Json.Nodes;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Security;

/// <summary>Masks secret-looking values everywhere a report carries free text, so no rendering of it echoes a secret.</summary>
public static class ReportSecretMasker
{
    /// <summary>The report with findings (messages, properties), errors, notes, segment failures, command data and Markdown masked.</summary>
    public static JobReport Mask(JobReport report) => report with
    {
        Findings = [.. report.Findings.Select(Mask)],
        Errors = [.. report.Errors.Select(e => e with { Message = SecretMasker.MaskText(e.Message)! })],
        Notes = [.. report.Notes.Select(n => SecretMasker.MaskText(n)!)],
        Segments = [.. report.Segments.Select(s => s with { Failures = [.. s.Failures.Select(f => SecretMasker.MaskText(f)!)] })],
        DataJson = MaskJson(report.DataJson),
        Markdown = SecretMasker.MaskText(report.Markdown),
    };

    /// <summary>The finding with its message and property values masked.</summary>
    public static Finding Mask(Finding finding) => finding with
    {
        Message = SecretMasker.MaskText(finding.Message)!,
        Properties = finding.Properties?.ToDictionary(p => p.Key, p => SecretMasker.MaskText(p.Value)!, StringComparer.Ordinal),
    };

    /// <summary>Masks every string value of a JSON document, keeping it valid JSON; text that is not JSON is masked as text.</summary>
    public static string? MaskJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return json;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            return SecretMasker.MaskText(json);
        }

        if (root is null)
        {
            return json;
        }

        var changed = false;
        root = MaskNode(root, ref changed);
        return changed ? root!.ToJsonString() : json;
    }

    private static JsonNode? MaskNode(JsonNode? node, ref bool changed)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToArray())
                {
                    var value = obj[name];
                    var masked = MaskNode(value, ref changed);
                    if (!ReferenceEquals(masked, value))
                    {
                        obj[name] = masked;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var value = array[i];
                    var masked = MaskNode(value, ref changed);
                    if (!ReferenceEquals(masked, value))
                    {
                        array[i] = masked;
                    }
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                var maskedText = SecretMasker.MaskText(text);
                if (string.Equals(text, maskedText, StringComparison.Ordinal))
                {
                    return node;
                }

                changed = true;
                return JsonValue.Create(maskedText);
            default:
                return node;
        }
    }
}
