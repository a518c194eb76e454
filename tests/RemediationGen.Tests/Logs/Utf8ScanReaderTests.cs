using System.Text;
using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

/// <summary>
/// <see cref="Utf8ScanReader"/> gives exactly the text a <see cref="StreamReader"/> with the scan's non-throwing UTF-8
/// encoding gives, whatever the bytes, however the stream and the reads cut them.
/// </summary>
public sealed class Utf8ScanReaderTests
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    // Pieces of UTF-8 and of bytes that are not: two-, three- and four-byte characters, a lone continuation byte, cut
    // sequences, an overlong form, an encoded surrogate, bytes never used, NUL, and line breaks.
    private static readonly byte[][] Pieces =
    [
        "a"u8.ToArray(), "<![LOG[Begin validation]LOG]!>"u8.ToArray(), "\r\n"u8.ToArray(), "\u00e9"u8.ToArray(), "\u20ac"u8.ToArray(),
        "\U0001F600"u8.ToArray(), [0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xFE], [0x00],
        [0xC3], [0xF4, 0x90, 0x80, 0x80],
    ];

    [Fact]
    public void Read_RandomBytesCutAnywhere_GivesTheStreamReadersText()
    {
        var random = new Random(79);
        for (var round = 0; round < 3000; round++)
        {
            // Given bytes made of those pieces, mostly ASCII runs long enough for the vectorized widening
            var bytes = RandomBytes(random);

            // When read with a small buffer, from a stream that returns a few bytes at a time, in reads of any size
            using var reader = new Utf8ScanReader(new TrickleStream(bytes, random.Next(1, 40), random.Next()), random.Next(16, 200));
            var text = new StringBuilder();
            var chunk = new char[random.Next(1, 300)];
            while (true)
            {
                var read = reader.Read(chunk, 0, random.Next(1, chunk.Length + 1));
                if (read == 0)
                {
                    break;
                }

                text.Append(chunk, 0, read);
            }

            // Then the text is the StreamReader's, and the reader tells whether it holds a NUL or a U+FFFD
            var expected = Expected(bytes);
            Assert.Equal(expected, text.ToString());
            Assert.Equal(expected.AsSpan().IndexOfAny('\0', '\uFFFD') >= 0, reader.HasGivenNulOrReplacement);
        }
    }

    [Fact]
    public void ReadWithBytes_RandomBytesCutAnywhere_GivesTheTextAndABytePerCharacter()
    {
        var random = new Random(81);
        for (var round = 0; round < 3000; round++)
        {
            // Given such bytes, read with the filter's bytes in reads of any size, some after a peek
            var bytes = RandomBytes(random);
            using var reader = new Utf8ScanReader(new TrickleStream(bytes, random.Next(1, 40), random.Next()), random.Next(16, 200));
            var text = new StringBuilder();
            var narrowed = new List<byte>();
            var chunk = new char[random.Next(1, 300)];
            var narrow = new byte[chunk.Length];
            while (true)
            {
                if (random.Next(8) == 0)
                {
                    reader.Peek();
                }

                var count = random.Next(1, chunk.Length + 1);
                var read = reader.Read(chunk.AsSpan(0, count), narrow);
                if (read == 0)
                {
                    break;
                }

                text.Append(chunk, 0, read);
                narrowed.AddRange(narrow.AsSpan(0, read).ToArray());
            }

            // Then the text is the StreamReader's, and the bytes are each character's (ASCII as itself, else 0x80)
            var expected = Expected(bytes);
            Assert.Equal(expected, text.ToString());
            Assert.Equal(expected.Select(AsciiNarrowing.Of).ToArray(), narrowed.ToArray());
        }
    }

    [Fact]
    public void ReadWithBytes_FewerBytesThanCharacters_IsRefused()
    {
        using var reader = new Utf8ScanReader(new MemoryStream("abc"u8.ToArray()), 16);
        Assert.Throws<ArgumentException>(() => reader.Read(new char[3], new byte[2]));
    }

    [Fact]
    public void ReadAndPeek_OneCharacterAtATime_GiveTheStreamReadersText()
    {
        var random = new Random(80);
        for (var round = 0; round < 500; round++)
        {
            // Given such bytes, read one character at a time, with a peek before some
            var bytes = RandomBytes(random);
            using var reader = new Utf8ScanReader(new TrickleStream(bytes, random.Next(1, 10), random.Next()), 16);
            var text = new StringBuilder();
            while (true)
            {
                var peeked = random.Next(3) == 0 ? reader.Peek() : -2;
                var c = reader.Read();
                if (peeked != -2)
                {
                    // Then a peek shows the character the next read gives
                    Assert.Equal(peeked, c);
                }

                if (c < 0)
                {
                    break;
                }

                text.Append((char)c);
            }

            // And the text is the StreamReader's
            Assert.Equal(Expected(bytes), text.ToString());
        }
    }

    [Fact]
    public void WidenAscii_StopsAtTheFirstByteThatIsNotAscii_AroundEveryVectorEdge()
    {
        // Given ASCII of every length up to 140 with one byte that is not ASCII at every place
        for (var length = 0; length <= 140; length++)
        {
            for (var at = 0; at <= length; at++)
            {
                var bytes = Enumerable.Range(0, length).Select(i => (byte)(i == at ? 0xC3 : 'a' + (i % 26))).ToArray();
                var chars = new char[length];
                var narrow = new byte[length];

                // Then the ASCII before it is widened, and copied as the filter's bytes, and no further
                var widened = Utf8ScanReader.WidenAscii(bytes, chars, narrow, out var hadNul);
                Assert.Equal(Math.Min(at, length), widened);
                Assert.Equal(Encoding.ASCII.GetString(bytes, 0, widened), new string(chars, 0, widened));
                Assert.Equal(bytes.AsSpan(0, widened).ToArray(), narrow.AsSpan(0, widened).ToArray());
                Assert.False(hadNul);
            }
        }
    }

    [Fact]
    public void WidenAscii_ANulAnywhere_IsTold()
    {
        // Given ASCII of every length up to 140 with a NUL at every place
        for (var length = 1; length <= 140; length++)
        {
            for (var at = 0; at < length; at++)
            {
                var bytes = Enumerable.Range(0, length).Select(i => (byte)(i == at ? 0 : 'a' + (i % 26))).ToArray();

                // Then all of it is widened, and the NUL is told
                Assert.Equal(length, Utf8ScanReader.WidenAscii(bytes, new char[length], new byte[length], out var hadNul));
                Assert.True(hadNul, $"NUL at {at} of {length}");
            }
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new List<byte>();
        var pieces = random.Next(0, 40);
        for (var i = 0; i < pieces; i++)
        {
            if (random.Next(3) == 0)
            {
                bytes.AddRange(Enumerable.Range(0, random.Next(1, 150)).Select(_ => (byte)random.Next(0x20, 0x7F)));
            }
            else
            {
                bytes.AddRange(Pieces[random.Next(Pieces.Length)]);
            }
        }

        return [.. bytes];
    }

    private static string Expected(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Utf8, detectEncodingFromByteOrderMarks: false);
        return reader.ReadToEnd();
    }

    /// <summary>A stream that returns at most a few bytes a read, a random number each time.</summary>
    private sealed class TrickleStream(byte[] bytes, int most, int seed) : MemoryStream(bytes)
    {
        private readonly Random _random = new(seed);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _random.Next(1, most + 1)));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, _random.Next(1, most + 1))]);
    }
}
