using System.Data.Common;
using RemediationGen.Facts;

namespace RemediationGen.Tests.Facts;

public sealed class SqlConnectionSettingsTests
{
    private const string Password = "S3cr3t!Value";

    [Fact]
    public void Parse_NothingMentioned_AddsSafeDefaults()
    {
        var settings = SqlConnectionSettings.Parse($"Server=sql01.contoso.com;Database=CM_CAS;User ID=cmread;Password={Password}", NoEnvironment);

        var effective = new DbConnectionStringBuilder { ConnectionString = settings.ConnectionString };
        Assert.Equal("True", effective["Encrypt"]);
        Assert.Equal("ReadOnly", effective["Application Intent"]);
        Assert.Equal("15", effective["Connect Timeout"]);
        Assert.Equal(15, settings.ConnectTimeoutSeconds);
        Assert.Equal("server 'sql01.contoso.com', database 'CM_CAS'", settings.Describe());
        Assert.Equal("SQL sql01.contoso.com/CM_CAS", settings.Origin);
        Assert.DoesNotContain(Password, settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Server=s;Encrypt=False;ApplicationIntent=ReadWrite;Connect Timeout=7", "False", "ReadWrite", "7")]
    [InlineData("Server=s;encrypt=no;application intent=readwrite;timeout=4", "False", "ReadWrite", "4")]
    [InlineData("Server=s;Connection Timeout=9", "True", "ReadOnly", "9")]
    public void Parse_UserValues_AreKept(string connectionString, string encrypt, string intent, string timeout)
    {
        var settings = SqlConnectionSettings.Parse(connectionString, NoEnvironment);

        var effective = new DbConnectionStringBuilder { ConnectionString = settings.ConnectionString };
        Assert.Equal(encrypt, effective["Encrypt"]);
        Assert.Equal(intent, effective["Application Intent"]);
        Assert.Equal(timeout, effective["Connect Timeout"]);
    }

    [Fact]
    public void Parse_EnvironmentReference_ReadsTheVariable()
    {
        var settings = SqlConnectionSettings.Parse("env:CM_SQL", name => name == "CM_SQL" ? "Server=tcp:sql02,1433;Database=CM_PS1" : null);

        Assert.Equal("server 'tcp:sql02,1433', database 'CM_PS1'", settings.Describe());
    }

    [Theory]
    [InlineData("env:CM_SQL", "Environment variable CM_SQL is not set or is empty; it should hold the SQL connection string.")]
    [InlineData("env:", "--sql env:NAME needs the name of an environment variable after 'env:'.")]
    public void Parse_EnvironmentVariableMissing_FailsNamingIt(string reference, string expected)
    {
        var ex = Assert.Throws<RemediationGenException>(() => SqlConnectionSettings.Parse(reference, NoEnvironment));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Equal(expected, ex.Message);
    }

    [Theory]
    [InlineData($"Server=x;Password='{Password}", "The SQL connection string is malformed near character 10: expected keyword=value pairs separated by ';'.")]
    [InlineData($"Server=x;Password={Password};Bogus=1", "The SQL connection string uses keyword 'bogus', which SqlClient does not support.")]
    [InlineData($"Server=x;Encrypt={Password};Password={Password}", "The SQL connection string has an invalid value for keyword 'encrypt'.")]
    [InlineData($"Server=x;Connect Timeout={Password};Password={Password}", "The SQL connection string has an invalid value for keyword 'connect timeout'.")]
    [InlineData($"Database=x;Password={Password}", "The SQL connection string names no server (add Server=host or Server=host,port).")]
    public void Parse_Malformed_FailsWithoutEchoingTheString(string connectionString, string expected)
    {
        var ex = Assert.Throws<RemediationGenException>(() => SqlConnectionSettings.Parse(connectionString, NoEnvironment));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Equal(expected, ex.Message);
        Assert.DoesNotContain(Password, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedFromEnvironment_NamesTheVariable()
    {
        var ex = Assert.Throws<RemediationGenException>(() => SqlConnectionSettings.Parse("env:CM_SQL", _ => "Server=x;Wrong=1"));

        Assert.Equal("The SQL connection string in environment variable CM_SQL uses keyword 'wrong', which SqlClient does not support.", ex.Message);
    }

    [Fact]
    public void Options_ToString_DoesNotShowTheConnectionString()
    {
        var options = new RemediationGen.Jobs.FactsSource.Sql($"Server=x;Password={Password}", 30, new Dictionary<string, string>());

        Assert.DoesNotContain(Password, options.ToString(), StringComparison.Ordinal);
    }

    private static string? NoEnvironment(string name) => null;
}
