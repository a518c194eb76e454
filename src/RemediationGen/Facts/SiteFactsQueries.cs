namespace RemediationGen.Facts;

/// <summary>
/// The read-only queries run against a ConfigMgr site database. They use only the SQL that SQL Server and SQLite
/// both accept (ANSI joins, COALESCE, CASE, @parameters, plain '' literals), so the tests run this exact text
/// against an SQLite copy of the schema.
/// </summary>
internal static class SiteFactsQueries
{
    public const string PropertyNameParameter = "@propertyName";
    public const string SiteServerRoleParameter = "@siteServerRole";
    public const string ManagementPointRoleParameter = "@managementPointRole";

    public const string IssuingCertificateListPropertyName = "IssuingCertificateList";
    public const string SiteServerRoleName = "SMS Site Server";
    public const string ManagementPointRoleName = "SMS Management Point";

    /// <summary>The KB 4469580 query, narrowed to the columns used and parameterised.</summary>
    public const string IssuingCertificateList =
        "SELECT SD.SiteCode, SC.ComponentName, SCP.Value1 FROM SC_Component SC "
        + "JOIN SC_SiteDefinition SD ON SD.SiteNumber = SC.SiteNumber "
        + "JOIN SC_Component_Property SCP ON SCP.ComponentID = SC.ID "
        + "WHERE SCP.Name = @propertyName ORDER BY SD.SiteCode, SC.ComponentName";

    /// <summary>Every site the database knows: on a CAS that is the whole hierarchy.</summary>
    public const string Sites = "SELECT SiteCode FROM SC_SiteDefinition ORDER BY SiteCode";

    public const string SiteServers =
        "SELECT ServerName, SiteCode FROM v_SystemResourceList WHERE RoleName = @siteServerRole ORDER BY SiteCode, ServerName";

    public const string ManagementPoints =
        "SELECT ServerName, SiteCode FROM v_SystemResourceList WHERE RoleName = @managementPointRole ORDER BY SiteCode, ServerName";

    /// <summary>Only whether a PXE password is set is computed on the server: the encrypted blob never leaves it.</summary>
    public const string DistributionPoints =
        "SELECT ServerName, SMSSiteCode, IsPXE, "
        + "CASE WHEN COALESCE(PXEPassword, '') <> '' THEN 1 ELSE 0 END AS PxePasswordSet "
        + "FROM DistributionPoints ORDER BY SMSSiteCode, ServerName";
}
