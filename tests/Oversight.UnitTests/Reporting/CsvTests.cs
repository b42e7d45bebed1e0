using Oversight.Reporting.Model;

namespace Oversight.UnitTests.Reporting;

public sealed class CsvTests
{
    [Fact]
    public void Header_row_crlf_unformatted_numbers_and_quoting()
    {
        var csv = Csv.Write(["agency", "complaints", "hours"],
            [["Dinas \"Pendidikan\", Kota", 1234567L, 1.5], ["Satpol PP", 3L, 0.25]]);
        Assert.Equal("agency,complaints,hours\r\n\"Dinas \"\"Pendidikan\"\", Kota\",1234567,1.5\r\nSatpol PP,3,0.25\r\n", csv);
    }

    [Fact]
    public void Text_that_a_spreadsheet_would_run_as_a_formula_is_defused()
    {
        var csv = Csv.Write(["agency"], [["=HYPERLINK(\"x\")"]]);
        Assert.Equal("agency\r\n\"'=HYPERLINK(\"\"x\"\")\"\r\n", csv);
    }
}
