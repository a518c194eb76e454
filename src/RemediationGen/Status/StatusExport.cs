namespace RemediationGen.Status;

/// <summary>
/// One row of a status export, as Get-IntuneRemediationStatus.ps1 or Get-ConfigMgrBaselineStatus.ps1 write it with
/// -AsCsv (ConvertTo-Csv: a header line, every value double-quoted). <paramref name="Line"/> is its line in the file.
/// </summary>
internal sealed record StatusExportRow(
    int Line,
    string Route,
    string Pair,
    string Device,
    string DetectionState,
    string RemediationState,
    string LastUpdate,
    string PreRemediationOutput,
    string PostRemediationOutput,
    string Error);

/// <summary>Reads a status export; a malformed one is refused with one line naming the file and line.</summary>
internal static class StatusExport
{
    /// <summary>The columns both scripts write, in their order; a file must have each (any order, extra columns ignored).</summary>
    public static readonly string[] Columns =
        ["Route", "Pair", "Device", "DetectionState", "RemediationState", "LastUpdate", "PreRemediationOutput", "PostRemediationOutput", "Error"];

    public static IReadOnlyList<StatusExportRow> Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"{path}: cannot read the status export: {ex.Message}", ex);
        }

        return Parse(path, lines);
    }

    public static IReadOnlyList<StatusExportRow> Parse(string path, IReadOnlyList<string> lines)
    {
        var rows = new List<StatusExportRow>();
        var first = 0;
        while (first < lines.Count && lines[first].Trim().Length == 0)
        {
            first++;
        }

        if (first == lines.Count)
        {
            // A script that found nothing writes nothing: every target is then "not evaluated".
            return rows;
        }

        var header = Fields(path, first + 1, lines[first].TrimStart('\uFEFF'));
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(header[i], i);
        }

        var missing = Columns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"{path}:{first + 1}: the header has no column {string.Join(", ", missing)}; export with Get-IntuneRemediationStatus.ps1 -AsCsv or Get-ConfigMgrBaselineStatus.ps1 -AsCsv.");
        }

        for (var n = first + 1; n < lines.Count; n++)
        {
            if (lines[n].Trim().Length == 0)
            {
                continue;
            }

            var fields = Fields(path, n + 1, lines[n]);
            if (fields.Count != header.Count)
            {
                throw new RemediationGenException(ErrorKind.InvalidInput, $"{path}:{n + 1}: {fields.Count} value(s), but the header has {header.Count} column(s).");
            }

            string Value(string column) => fields[index[column]];
            var route = Value("Route");
            if (route is not ("Intune" or "ConfigMgr"))
            {
                throw new RemediationGenException(ErrorKind.InvalidInput, $"{path}:{n + 1}: Route '{PrintableText.Escape(route)}' is neither Intune nor ConfigMgr.");
            }

            rows.Add(new StatusExportRow(n + 1, route, Value("Pair"), Value("Device"), Value("DetectionState"), Value("RemediationState"), Value("LastUpdate"), Value("PreRemediationOutput"), Value("PostRemediationOutput"), Value("Error")));
        }

        return rows;
    }

    /// <summary>One CSV line: values separated by commas, optionally double-quoted with "" for a quote inside.</summary>
    private static List<string> Fields(string path, int lineNumber, string line)
    {
        var fields = new List<string>();
        var position = 0;
        while (true)
        {
            var value = new System.Text.StringBuilder();
            if (position < line.Length && line[position] == '"')
            {
                position++;
                while (true)
                {
                    if (position >= line.Length)
                    {
                        throw new RemediationGenException(ErrorKind.InvalidInput, $"{path}:{lineNumber}: a quoted value is not closed.");
                    }

                    if (line[position] == '"')
                    {
                        if (position + 1 < line.Length && line[position + 1] == '"')
                        {
                            value.Append('"');
                            position += 2;
                            continue;
                        }

                        position++;
                        break;
                    }

                    value.Append(line[position++]);
                }

                if (position < line.Length && line[position] != ',')
                {
                    throw new RemediationGenException(ErrorKind.InvalidInput, $"{path}:{lineNumber}: unexpected '{line[position]}' after a quoted value at column {position + 1}.");
                }
            }
            else
            {
                while (position < line.Length && line[position] != ',')
                {
                    value.Append(line[position++]);
                }
            }

            fields.Add(value.ToString());
            if (position >= line.Length)
            {
                return fields;
            }

            position++;
        }
    }
}
