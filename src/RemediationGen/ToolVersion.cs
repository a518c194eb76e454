using System.Reflection;

namespace RemediationGen;

/// <summary>The version written into every package (from the build's Version; no commit id, so output depends on inputs only).</summary>
internal static class ToolVersion
{
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
