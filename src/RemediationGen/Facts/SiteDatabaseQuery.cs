using System.Data.Common;

namespace RemediationGen.Facts;

/// <summary>Runs one read-only query and buffers its rows; a database error becomes a <see cref="RemediationGenException"/> saying what was being read.</summary>
internal sealed class SiteDatabaseQuery(DbConnection connection, string origin, int commandTimeoutSeconds, CancellationToken cancellationToken)
{
    public List<object?[]> Run(string what, string sql, params (string Name, string Value)[] parameters)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = commandTimeoutSeconds;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        // Synchronous reads cannot observe the token themselves; Cancel() asks the server to stop the running query.
        using var registration = cancellationToken.Register(command.Cancel);
        try
        {
            using var reader = command.ExecuteReader();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            return rows;
        }
        catch (DbException ex)
        {
            // A query cancelled through the token surfaces as a provider error; report it as the cancellation it is.
            cancellationToken.ThrowIfCancellationRequested();
            throw new RemediationGenException(ErrorKind.DataSourceUnavailable, SqlFailureReason.DescribeQueryFailure(origin, what, ex, commandTimeoutSeconds), ex);
        }
    }
}
