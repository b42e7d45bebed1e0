using Oversight.Complaints.Grpc.Mapping;
using Oversight.Contracts.Complaints;

namespace Oversight.UnitTests.Complaints.IntakeApi;

/// <summary>reporter.language: the language of the status e-mails, kept (sealed) with the identity.</summary>
public sealed class ReporterLanguageTests
{
    private static readonly DateTimeOffset Now = new(2024, 11, 1, 3, 0, 0, TimeSpan.Zero);

    private static SubmitComplaintRequest Laporan(string language)
    {
        var laporan = SubmissionMapperTests.Complete();
        laporan.Reporter.Language = language;
        return laporan;
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("id", "id")]
    [InlineData("", null)]
    public void A_known_language_or_none_is_kept_with_the_identity(string given, string? kept)
    {
        var submission = SubmissionMapper.Map(Laporan(given), null, Now, out var errors);
        Assert.Empty(errors);
        Assert.Equal(kept, submission!.Reporter!.Language);
    }

    [Fact]
    public void Another_language_is_refused_naming_the_field_and_the_rule()
    {
        SubmissionMapper.Map(Laporan("fr"), null, Now, out var errors);
        Assert.Contains("reporter.language: must be id or en, or empty for id", errors);
    }
}
