using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

public class LogTimestampParserTests
{
    [Fact]
    public void ParseCmTrace_WithUsCentralBias_GivesUtcSixHoursLater()
    {
        // Given a CMTrace time from Illinois in November (bias +360)
        // When it is parsed
        var time = LogTimestampParser.ParseCmTrace("03:53:49.320+360", "11-14-2022");

        // Then the local time is kept and UTC = local + 360 minutes
        Assert.NotNull(time);
        Assert.Equal(new DateTime(2022, 11, 14, 3, 53, 49, 320), time.Value.Local);
        Assert.Equal(360, time.Value.BiasMinutes);
        Assert.Equal(new DateTime(2022, 11, 14, 9, 53, 49, 320, DateTimeKind.Utc), time.Value.Utc);
    }

    [Fact]
    public void ParseCmTrace_WithEuropeanSummerBias_GivesUtcTwoHoursEarlier()
    {
        // Given a time written with bias -120 just after midnight
        // When it is parsed
        var time = LogTimestampParser.ParseCmTrace("01:38:47.034-120", "07-16-2016");

        // Then UTC falls on the previous day
        Assert.Equal(new DateTime(2016, 7, 15, 23, 38, 47, 34, DateTimeKind.Utc), time?.Utc);
    }

    [Fact]
    public void ParseSiteServer_WithBias_ReadsDateAndTime()
    {
        // Given the stamp of a site-server line
        // When it is parsed
        var time = LogTimestampParser.ParseSiteServer("09-17-2023 17:26:15.614+420");

        // Then date, time and bias are read
        Assert.Equal(new DateTime(2023, 9, 18, 0, 26, 15, 614, DateTimeKind.Utc), time?.Utc);
    }

    [Theory]
    [InlineData("10:00:00.3", 3_000_000)]
    [InlineData("10:00:00.12", 1_200_000)]
    [InlineData("10:00:00.123", 1_230_000)]
    [InlineData("10:00:00.1234", 1_234_000)]
    [InlineData("10:00:00.12345", 1_234_500)]
    [InlineData("10:00:00.123456", 1_234_560)]
    [InlineData("10:00:00.1234567", 1_234_567)]
    public void ParseCmTrace_WithOneToSevenFractionDigits_ScalesToTicks(string text, long expectedFractionTicks)
    {
        // Given a time with 1 to 7 fraction digits
        // When it is parsed
        var time = LogTimestampParser.ParseCmTrace(text, "3-12-2026");

        // Then the fraction is exact to the tick
        Assert.Equal(expectedFractionTicks, time?.Local.Ticks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void Parse_WithSevenFractionDigits_KeepsTicks()
    {
        // Given the Intune sample layout (no bias, 7 digits, 1-digit month)
        // When it is parsed
        var time = LogTimestampParser.ParseCmTrace("11:16:37.3093207", "3-12-2026");

        // Then every tick is kept and the bias is unknown
        Assert.Equal(new DateTime(2026, 3, 12, 11, 16, 37).AddTicks(3_093_207), time?.Local);
        Assert.Null(time?.BiasMinutes);
        Assert.Null(time?.Utc);
    }

    [Theory]
    [InlineData("10:00:00.000+0", 0)]
    [InlineData("10:00:00.000+60", 60)]
    [InlineData("10:00:00.000-60", -60)]
    [InlineData("10:00:00.000+360", 360)]
    [InlineData("10:00:00.000+00330", 330)]
    [InlineData("10:00:00.000+-360", -360)]
    public void ParseCmTrace_WithAnyBiasWidth_ReadsSignedMinutes(string text, int expectedBias)
    {
        // Given biases of several widths, including the malformed "+-360"
        // When they are parsed
        var time = LogTimestampParser.ParseCmTrace(text, "11-20-2024");

        // Then the bias is the signed number of minutes
        Assert.Equal(expectedBias, time?.BiasMinutes);
    }

    [Fact]
    public void ParseCmTrace_WithTwoDigitYearAndOneDigitDay_ReadsTwentyFirstCentury()
    {
        // Given a short date
        // When it is parsed
        var time = LogTimestampParser.ParseCmTrace("10:00:00.000+360", "1-5-24");

        // Then the year is 2024
        Assert.Equal(new DateTime(2024, 1, 5, 10, 0, 0), time?.Local);
    }

    [Theory]
    [InlineData("", "11-20-2024")]
    [InlineData("10:00:00.000+360", "")]
    [InlineData("garbage", "11-20-2024")]
    [InlineData("25:00:00.000+360", "11-20-2024")]
    [InlineData("10:61:00.000+360", "11-20-2024")]
    [InlineData("10:00:00.12345678+360", "11-20-2024")]
    [InlineData("10:00:00.+360", "11-20-2024")]
    [InlineData("10:00:00.000+", "11-20-2024")]
    [InlineData("10:00:00.000+36x", "11-20-2024")]
    [InlineData("10:00:00.000+99999", "11-20-2024")]
    [InlineData("10:00:00.000+360", "13-20-2024")]
    [InlineData("10:00:00.000+360", "02-30-2024")]
    [InlineData("10:00:00.000+360", "11-20-224")]
    [InlineData("10:00:00.000+360", "11/20/2024")]
    [InlineData("10:00:00.000+360", "11-20-20245")]
    public void ParseCmTrace_WithGarbage_ReturnsNull(string timeText, string dateText)
    {
        // Given a time or date that does not fit the layout
        // When it is parsed
        var time = LogTimestampParser.ParseCmTrace(timeText, dateText);

        // Then there is no timestamp (and no exception)
        Assert.Null(time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("11-20-2024")]
    [InlineData("Fri Oct 15 17:09:46.507 1999 Pacific Daylight Time")]
    public void ParseSiteServer_WithGarbage_ReturnsNull(string text)
    {
        // Given stamps that are not MM-dd-yyyy HH:mm:ss.fff+bias (including the SMS 2.0 layout)
        // When parsed
        // Then null
        Assert.Null(LogTimestampParser.ParseSiteServer(text));
    }

    [Theory]
    [InlineData("23:59:59.999+1440", "12-31-9999")]
    [InlineData("00:00:00.000-1440", "01-01-0001")]
    [InlineData("00:00:00.000-1", "01-01-0001")]
    public void ParseCmTrace_UtcOutsideTheCalendar_IsNullAndSaysSo(string time, string date)
    {
        // Given a time at an end of the calendar whose bias pushes UTC past it
        // When it is parsed
        var parsed = LogTimestampParser.ParseCmTrace(time, date, out var outOfRange);

        // Then it is no time, and the parser says why
        Assert.Null(parsed);
        Assert.True(outOfRange);
    }

    [Fact]
    public void TryAddDays_PastTheCalendar_IsFalse()
    {
        var time = LogTimestampParser.ParseCmTrace("12:00:00.000+360", "03-01-2024")!.Value;

        Assert.False(time.TryAddDays(int.MaxValue, out _));
        Assert.False(time.TryAddDays(int.MinValue, out _));
        Assert.True(time.TryAddDays(3, out var later));
        Assert.Equal(new DateTime(2024, 3, 4, 12, 0, 0), later.Local);
    }
}
