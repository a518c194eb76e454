using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;

namespace RemediationGen.Facts;

/// <summary>
/// A validated SQL Server connection string with safe defaults. Messages about it name the server and database,
/// never the string itself: it may hold a password.
/// </summary>
internal sealed partial class SqlConnectionSettings
{
    public const string EnvironmentPrefix = "env:";
    public const int DefaultConnectTimeoutSeconds = 15;

    // Keywords as a user may write them, synonyms included; "mentioned" means the user decided, so the tool keeps out.
    private static readonly string[] EncryptKeywords = ["Encrypt"];
    private static readonly string[] ApplicationIntentKeywords = ["ApplicationIntent", "Application Intent"];
    private static readonly string[] ConnectTimeoutKeywords = ["Connect Timeout", "ConnectTimeout", "Connection Timeout", "ConnectionTimeout", "Timeout"];

    private readonly string _password;

    private SqlConnectionSettings(SqlConnectionStringBuilder builder)
    {
        ConnectionString = builder.ConnectionString;
        Server = builder.DataSource;
        Database = builder.InitialCatalog;
        ConnectTimeoutSeconds = builder.ConnectTimeout;
        _password = builder.Password;
    }

    /// <summary>The effective connection string, password included: only for opening the connection.</summary>
    internal string ConnectionString { get; }

    public string Server { get; }

    /// <summary>The database named in the string; empty means the login's default database.</summary>
    public string Database { get; }

    public int ConnectTimeoutSeconds { get; }

    /// <summary>For HierarchyFacts.Origin: where the facts came from, without credentials.</summary>
    public string Origin => $"SQL {PrintableText.Escape(Server)}/{(Database.Length == 0 ? "(default database)" : PrintableText.Escape(Database))}";

    public static SqlConnectionSettings Parse(string connectionStringOrReference) =>
        Parse(connectionStringOrReference, Environment.GetEnvironmentVariable);

    /// <summary>Parses a connection string, or env:NAME naming the environment variable that holds one.</summary>
    public static SqlConnectionSettings Parse(string connectionStringOrReference, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(connectionStringOrReference);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var text = connectionStringOrReference;
        var source = "The SQL connection string";
        if (text.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var name = text[EnvironmentPrefix.Length..].Trim();
            source = $"The SQL connection string in environment variable {PrintableText.Escape(name)}";
            text = name.Length == 0 ? string.Empty : getEnvironmentVariable(name) ?? string.Empty;
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new RemediationGenException(
                    ErrorKind.InvalidInput,
                    name.Length == 0
                        ? "--sql env:NAME needs the name of an environment variable after 'env:'."
                        : $"Environment variable {PrintableText.Escape(name)} is not set or is empty; it should hold the SQL connection string.");
            }
        }

        var written = ParseKeywords(text, source);
        var builder = ParseForSqlClient(text, written, source);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new RemediationGenException(ErrorKind.InvalidInput, $"{source} names no server (add Server=host or Server=host,port).");
        }

        if (!Mentions(written, EncryptKeywords))
        {
            builder.Encrypt = true;
        }

        if (!Mentions(written, ApplicationIntentKeywords))
        {
            // The tool only reads; ReadOnly lets an availability group route it to a readable secondary.
            builder.ApplicationIntent = ApplicationIntent.ReadOnly;
        }

        if (!Mentions(written, ConnectTimeoutKeywords))
        {
            builder.ConnectTimeout = DefaultConnectTimeoutSeconds;
        }

        return new SqlConnectionSettings(builder);
    }

    /// <summary>"server 'X', database 'Y'", for messages.</summary>
    public string Describe() =>
        $"server '{PrintableText.Escape(Server)}', database '{(Database.Length == 0 ? "(default)" : PrintableText.Escape(Database))}'";

    public override string ToString() => Describe();

    /// <summary>Removes the password from a message, in case a driver ever echoes it.</summary>
    internal string Scrub(string message) =>
        _password.Length == 0 ? message : message.Replace(_password, "***", StringComparison.Ordinal);

    internal bool Reveals(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (_password.Length > 0 && current.Message.Contains(_password, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static DbConnectionStringBuilder ParseKeywords(string text, string source)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = text };
        }
        catch (ArgumentException ex)
        {
            // The framework message gives only a position; the string itself is never repeated.
            var index = IndexPattern().Match(ex.Message);
            var where = index.Success ? $" near character {int.Parse(index.Groups[1].Value, CultureInfo.InvariantCulture) + 1}" : string.Empty;
            throw new RemediationGenException(ErrorKind.InvalidInput, $"{source} is malformed{where}: expected keyword=value pairs separated by ';'.");
        }
    }

    private static SqlConnectionStringBuilder ParseForSqlClient(string text, DbConnectionStringBuilder written, string source)
    {
        try
        {
            return new SqlConnectionStringBuilder(text);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            // SqlClient's own messages may quote a value (which could be the password), so find the keyword at fault instead.
            foreach (string keyword in written.Keys)
            {
                var probe = new SqlConnectionStringBuilder();
                if (!probe.ContainsKey(keyword))
                {
                    throw new RemediationGenException(ErrorKind.InvalidInput, $"{source} uses keyword '{PrintableText.Escape(keyword)}', which SqlClient does not support.");
                }

                try
                {
                    probe[keyword] = written[keyword];
                }
                catch (Exception inner) when (inner is ArgumentException or FormatException or InvalidOperationException or OverflowException)
                {
                    throw new RemediationGenException(ErrorKind.InvalidInput, $"{source} has an invalid value for keyword '{PrintableText.Escape(keyword)}'.");
                }
            }

            throw new RemediationGenException(ErrorKind.InvalidInput, $"{source} is not accepted by SqlClient (the keywords are valid one by one, but not together).");
        }
    }

    private static bool Mentions(DbConnectionStringBuilder written, string[] keywords) =>
        keywords.Any(written.ContainsKey);

    [GeneratedRegex(@"index (\d+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IndexPattern();
}
