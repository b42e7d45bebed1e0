using Oversight.RegionDirectory.Model;
using Oversight.RegionDirectory.Model.Import;

namespace Oversight.UnitTests.RegionDirectory;

public sealed class RegionCsvParserTests
{
    private const string Provinces = "kode,nama\n52,Nusa Tenggara Barat\n64,Kalimantan Timur\n";
    private const string Regencies = "kode,kode_provinsi,nama,jenis\n52.71,52,Kota  Mataram ,kota\n64.03,64,Kabupaten Berau,kabupaten\n";
    private static readonly HashSet<string> NoKnownProvinces = [];

    [Fact]
    public void Valid_files_give_regions_with_parents_kinds_and_tidy_names()
    {
        var result = RegionCsvParser.Parse(Provinces, Regencies, NoKnownProvinces);

        Assert.Empty(result.Rejections);
        Assert.Equal(["52", "52.71", "64", "64.03"], result.Regions.Select(r => r.Code));
        var mataram = result.Regions.Single(r => r.Code == "52.71");
        Assert.Equal(("Kota Mataram", "52", "kota", StoredRegionLevel.RegencyCity), (mataram.Name, mataram.ParentCode, mataram.Kind, mataram.Level));
        Assert.Equal("provinsi", result.Regions.Single(r => r.Code == "52").Kind);
    }

    [Theory]
    [InlineData("5.71,5,Kota X,kota", "regencies line 2: code '5.71'")]
    [InlineData("52.71,64,Kota X,kota", "kode_provinsi '64' does not match")]
    [InlineData("53.71,53,Kota Kupang,kota", "parent province 53 is missing")]
    [InlineData("52.71,52,Kota X,kecamatan", "jenis 'kecamatan' must be kabupaten or kota")]
    [InlineData("52.71,52,,kota", "name is empty")]
    [InlineData("52.71,52,Kota X", "expected 4 columns, found 3")]
    [InlineData("52.71,52,Kota \u0007X,kota", "control characters")]
    public void A_bad_regency_row_is_rejected_with_its_line_and_reason(string row, string expected)
    {
        var result = RegionCsvParser.Parse(Provinces, "kode,kode_provinsi,nama,jenis\n" + row, NoKnownProvinces);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(2, rejection.Line);
        Assert.Contains(expected, rejection.ToString());
    }

    [Fact]
    public void A_duplicate_code_with_another_name_is_rejected_but_an_exact_repeat_is_not()
    {
        var result = RegionCsvParser.Parse(Provinces, Regencies + "52.71,52,Kota Mataram,kota\n64.03,64,Kabupaten Beraw,kabupaten\n", NoKnownProvinces);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(5, rejection.Line);
        Assert.Contains("duplicate of regencies line 3", rejection.Reason);
    }

    [Fact]
    public void A_parent_already_in_the_directory_is_accepted()
    {
        var result = RegionCsvParser.Parse("kode,nama\n", "kode,kode_provinsi,nama,jenis\n74.71,74,Kota Kendari,kota", new HashSet<string> { "74" });
        Assert.Empty(result.Rejections);
        Assert.Equal("74.71", Assert.Single(result.Regions).Code);
    }

    [Fact]
    public void A_wrong_header_is_rejected_on_line_one()
    {
        var result = RegionCsvParser.Parse("code,name\n52,NTB\n", "kode,kode_provinsi,nama,jenis\n", NoKnownProvinces);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal((RegionCsvParser.ProvincesFile, 1), (rejection.File, rejection.Line));
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_and_quotes()
    {
        Assert.Equal(["52", "Nusa \"Tenggara\", Barat"], CsvLine.Split("52,\"Nusa \"\"Tenggara\"\", Barat\""));
    }

    [Fact]
    public void The_plan_sorts_regions_into_added_changed_and_unchanged()
    {
        var imported = RegionCsvParser.Parse(Provinces, Regencies, NoKnownProvinces).Regions;
        var stored = new Dictionary<string, RegionRecord>
        {
            ["52"] = new() { Code = "52", Name = "Nusa Tenggara Barat", Level = StoredRegionLevel.Province, Decree = "D", Kind = "provinsi" },
            ["52.71"] = new() { Code = "52.71", Name = "Kota Mataram Lama", Level = StoredRegionLevel.RegencyCity, ParentCode = "52", Decree = "D", Kind = "kota" },
            ["64"] = new() { Code = "64", Name = "Kalimantan Timur", Level = StoredRegionLevel.Province, Decree = "Older decree", Kind = "provinsi" },
        };

        var plan = RegionImportPlan.Compute(imported, stored, "D");

        Assert.Equal(["64.03"], plan.Added.Select(r => r.Code));
        Assert.Equal(["52.71", "64"], plan.Changed.Select(r => r.Code));
        Assert.Equal(1, plan.Unchanged);
        Assert.Contains("added 64.03 Kabupaten Berau", plan.Describe());
    }
}
