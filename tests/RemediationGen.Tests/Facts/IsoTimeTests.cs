namespace RemediationGen.Tests.Facts;

public sealed class IsoTimeTests
{
    [Theory]
    [InlineData("2027-01-31T00:00:00Z", "2027-01-31T00:00:00Z")]
    [InlineData("2027-01-31T02:30:00+02:00", "2027-01-31T00:30:00Z")]
    [InlineData("2027-01-31T00:00:00.1234567Z", "2027-01-31T00:00:00Z")]
    [InlineData("2027-01-31T00:00:00", "2027-01-31T00:00:00Z")]
    [InlineData("2027-01-31T08:15Z", "2027-01-31T08:15:00Z")]
    [InlineData("2027-01-31", "2027-01-31T00:00:00Z")]
    public void TryParse_IsoForms_AreReadAsUtcWhenTheyHaveNoOffset(string text, string utc)
    {
        Assert.True(IsoTime.TryParse(text, out var value));

        Assert.Equal(utc, IsoTime.Utc(value));
    }

    [Theory]
    [InlineData("01/31/2027")]
    [InlineData("31.01.2027 00:00")]
    [InlineData("Jan 31 2027")]
    [InlineData("2027-01-31 00:00:00")]
    [InlineData("")]
    public void TryParse_OtherForms_AreRefused(string text)
    {
        Assert.False(IsoTime.TryParse(text, out _));
    }
}
