using System.Text.Json;
using System.Text.Json.Nodes;

namespace ParallelAgents.Engine.Commands;

/// <summary>Checks a job's options against the pool options and the command's declared options.</summary>
public static class OptionValidator
{
    /// <summary>Every problem found; empty when the options are acceptable.</summary>
    public static IReadOnlyList<OptionError> Validate(CommandDescriptor descriptor, JsonObject? options)
    {
        var errors = new List<OptionError>();
        if (options is null)
        {
            return errors;
        }

        var known = PoolOptionNames.All.Concat(descriptor.Options).ToDictionary(o => o.Name, StringComparer.Ordinal);
        foreach (var (name, value) in options)
        {
            var field = $"options.{name}";
            if (!known.TryGetValue(name, out var option))
            {
                errors.Add(new(field, $"Unknown option '{name}' for command '{descriptor.Name}'. Valid options: {string.Join(", ", known.Keys)}."));
                continue;
            }

            if (value is null)
            {
                continue;
            }

            var problem = Check(option, value);
            if (problem is not null)
            {
                errors.Add(new(field, problem));
            }
        }

        return errors;
    }

    private static string? Check(CommandOption option, JsonNode value)
    {
        switch (option.Type)
        {
            case OptionType.Integer:
            case OptionType.Number:
                if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || CommandOptions.AsDouble(v) is not { } d || double.IsNaN(d) || double.IsInfinity(d))
                {
                    return $"Must be a {(option.Type == OptionType.Integer ? "whole number" : "number")}.";
                }

                if (option.Type == OptionType.Integer && Math.Floor(d) != d)
                {
                    return "Must be a whole number.";
                }

                if (option.Minimum is { } min && d < min)
                {
                    return $"Must be at least {min}.";
                }

                if (option.Maximum is { } max && d > max)
                {
                    return $"Must be at most {max}.";
                }

                return null;
            case OptionType.Boolean:
                return value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "Must be true or false.";
            case OptionType.String:
                if (value.GetValueKind() != JsonValueKind.String)
                {
                    return "Must be a string.";
                }

                return CheckAllowed(option, value.GetValue<string>());
            case OptionType.StringList:
                if (value.GetValueKind() == JsonValueKind.String)
                {
                    return CheckAllowed(option, value.GetValue<string>());
                }

                if (value is not JsonArray array || array.Any(e => e is null || e.GetValueKind() != JsonValueKind.String))
                {
                    return "Must be a list of strings.";
                }

                return array.Select(e => CheckAllowed(option, e!.GetValue<string>())).FirstOrDefault(p => p is not null);
            case OptionType.Object:
                return value is JsonObject ? null : "Must be an object.";
            default:
                return null;
        }
    }

    private static string? CheckAllowed(CommandOption option, string value) =>
        option.AllowedValues is { Count: > 0 } allowed && !allowed.Contains(value, StringComparer.Ordinal)
            ? $"'{value}' is not accepted. Use one of: {string.Join(", ", allowed)}."
            : null;
}
