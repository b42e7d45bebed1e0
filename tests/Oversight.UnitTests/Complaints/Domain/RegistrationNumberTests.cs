using Oversight.Complaints.Domain.Intake;
using Oversight.Complaints.Domain.Registration;

namespace Oversight.UnitTests.Complaints.Domain;

public sealed class RegistrationNumberTests
{
    [Theory]
    [InlineData("52.71/LP/2024/0007", "52.71", ComplaintKind.Laporan, 2024, 7)]
    [InlineData("64/TM/2024/0001", "64", ComplaintKind.Temuan, 2024, 1)]
    [InlineData("RI/LP/2024/12345", "RI", ComplaintKind.Laporan, 2024, 12345)]
    public void Numbers_round_trip(string text, string office, ComplaintKind kind, int year, int sequence)
    {
        var number = RegistrationNumber.Parse(text, out var errors);
        Assert.Empty(errors);
        Assert.Equal((office, kind, year, sequence), (number!.OfficeCode, number.Kind, number.Year, number.Sequence));
        Assert.Equal(text, number.ToString());
        Assert.Equal(number, RegistrationNumber.Create(office, kind, year, sequence));
        Assert.True(RegistrationNumber.TryParse(text, out var again));
        Assert.Equal(number, again);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("52.71/LP/2024/7")]
    [InlineData("52.71/IA/2024/0007")]
    [InlineData("52.7/LP/2024/0007")]
    [InlineData("52.71/lp/2024/0007")]
    [InlineData("52.71/LP/24/0007")]
    [InlineData(" 52.71/LP/2024/0007")]
    [InlineData("52.71/LP/2024/0007\n")]
    [InlineData("052.71/LP/2024/0007")]
    public void Malformed_numbers_are_refused(string? text)
    {
        Assert.Null(RegistrationNumber.Parse(text, out var errors));
        Assert.StartsWith("registration_number: must look like 52.71/LP/2024/0007", Assert.Single(errors));
        Assert.False(RegistrationNumber.TryParse(text, out _));
    }

    [Theory]
    [InlineData("52.71/LP/2024/0000", "registration_number: sequence starts at 1")]
    [InlineData("52.71/LP/2024/012345", "registration_number: a sequence above 9999 has no leading zeros")]
    [InlineData("52.71/LP/1999/0001", "registration_number: year must be 2000-2999")]
    [InlineData("52.71/LP/2024/99999999999", "registration_number: sequence is too large")]
    public void Non_canonical_parts_are_refused(string text, string error)
    {
        Assert.Null(RegistrationNumber.Parse(text, out var errors));
        Assert.Equal([error], errors);
    }

    [Fact]
    public void Informasi_awal_has_no_number()
    {
        Assert.Null(RegistrationNumber.KindCode(ComplaintKind.InformasiAwal));
        var error = Assert.Throws<ArgumentException>(() => RegistrationNumber.Create("52.71", ComplaintKind.InformasiAwal, 2024, 1));
        Assert.Contains("informasi awal is never registered", error.Message);
        Assert.Throws<ArgumentException>(() => RegistrationNumber.Create("Mataram", ComplaintKind.Laporan, 2024, 1));
    }

    [Fact]
    public void Numbers_of_one_office_and_year_sort_by_sequence_as_text()
    {
        var texts = Enumerable.Range(1, 20).Select(i => RegistrationNumber.Create("52.71", ComplaintKind.Laporan, 2024, i).ToString()).ToList();
        Assert.Equal(texts, texts.Order(StringComparer.Ordinal));
    }
}
