using Microsoft.Data.Sqlite;

namespace RemediationGen.Tests.Facts;

/// <summary>Builds an in-memory SQLite copy of a site database from the SQL scripts under tests/fixtures/sql.</summary>
internal static class SiteDatabaseFixture
{
    public const string Script = "configmgr-site-db.sql";
    public const string AmbiguousScript = "configmgr-site-db.ambiguous.sql";

    public static SqliteConnection Open(params string[] scripts)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        foreach (var script in scripts)
        {
            Execute(connection, File.ReadAllText(Support.Repository.Fixtures("sql", script)));
        }

        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>A clock that always says the same time.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
