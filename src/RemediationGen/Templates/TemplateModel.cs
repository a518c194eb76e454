using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Scriban.Runtime;

namespace RemediationGen.Templates;

/// <summary>
/// What a template sees: a copy of the model's public properties as Scriban objects and arrays of strings, numbers
/// and bools, and nothing else. No .NET object reaches a template, so no method, type or other member can be reached.
/// </summary>
internal static class TemplateModel
{
    private const int MaxDepth = 8;

    // The readable properties of each model type, looked up once: a package renders the same few types hundreds of times.
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ReadableProperties = new();

    public static ScriptObject From(object model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (ScriptObject)Convert(model, 0)!;
    }

    private static object? Convert(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"A template model nests deeper than {MaxDepth} levels; this is a bug in RemediationGen.");
        }

        switch (value)
        {
            case null or string or bool or int or long or short or byte:
                return value;
            case IEnumerable items:
                var array = new ScriptArray();
                foreach (var item in items)
                {
                    array.Add(Convert(item, depth + 1));
                }

                return array;
            default:
                var type = value.GetType();
                if (type.IsPrimitive || type.IsEnum || value is decimal or DateTime or DateTimeOffset or Guid)
                {
                    throw new InvalidOperationException($"A template model holds a {type.Name}; give templates strings, ints, bools and lists. This is a bug in RemediationGen.");
                }

                var members = new ScriptObject();
                foreach (var property in ReadableProperties.GetOrAdd(type, Readable))
                {
                    members.SetValue(property.Name, Convert(property.GetValue(value), depth + 1), readOnly: true);
                }

                return members;
        }
    }

    private static PropertyInfo[] Readable(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetIndexParameters().Length == 0 && property.GetMethod is { IsPublic: true })];
}
