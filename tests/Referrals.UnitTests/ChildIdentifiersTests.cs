using Referrals.Api.Domain;

namespace Referrals.UnitTests;

public sealed class ChildIdentifiersTests
{
    [Theory]
    [InlineData("9434765919")]
    [InlineData("943 476 5919")]
    [InlineData("943-476-5919")]
    [InlineData("4010232137")]
    [InlineData("4010232110")] // check digit 11 counts as 0
    public void Valid_nhs_numbers_pass_the_modulus_11_check(string value) => Assert.True(ChildIdentifiers.IsValidNhsNumber(value));

    [Theory]
    [InlineData("9434765918")] // wrong check digit
    [InlineData("943476591")] // nine digits
    [InlineData("94347659190")]
    [InlineData("94347A5919")]
    [InlineData("1000000010")] // remainder gives check digit 10: never issued
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_nhs_numbers_fail(string? value) => Assert.False(ChildIdentifiers.IsValidNhsNumber(value));

    [Theory]
    [InlineData("A123456789012")]
    [InlineData("a123456789012")]
    [InlineData("U820200101001")]
    public void Valid_unique_pupil_numbers_pass_the_check_letter(string value) => Assert.True(ChildIdentifiers.IsValidUniquePupilNumber(value));

    [Theory]
    [InlineData("B123456789012")] // wrong check letter
    [InlineData("A12345678901")] // 12 characters
    [InlineData("A12345678901I")] // I is not in the alphabet
    [InlineData("1123456789012")]
    [InlineData(null)]
    public void Invalid_unique_pupil_numbers_fail(string? value) => Assert.False(ChildIdentifiers.IsValidUniquePupilNumber(value));

    [Fact]
    public void A_temporary_upn_ending_in_a_letter_is_checked_too()
    {
        // Find the check letter for a temporary UPN whose last character is a letter, and confirm only it passes.
        var valid = "ABCDEFGHJKLMNPQRTUVWXYZ".Select(c => $"{c}12345678901A").Where(ChildIdentifiers.IsValidUniquePupilNumber).ToList();
        Assert.Single(valid);
    }

    [Theory]
    [InlineData("DE1 2FS", true)]
    [InlineData("de12fs", true)]
    [InlineData("SW1A 1AA", true)]
    [InlineData("M1 1AE", true)]
    [InlineData("GIR 0AA", true)]
    [InlineData("DE1", false)]
    [InlineData("12345", false)]
    [InlineData("DE1 2FS X", false)]
    public void Postcodes_are_checked_for_uk_format(string value, bool valid) => Assert.Equal(valid, ChildIdentifiers.IsValidPostcode(value));

    [Theory]
    [InlineData("not known", true)]
    [InlineData(" Not Known ", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("unknown-ish", false)]
    public void Not_known_is_recognised_as_an_answer(string? value, bool notKnown) => Assert.Equal(notKnown, ChildIdentifiers.IsNotKnown(value));

    [Fact]
    public void Names_are_normalised_for_matching() =>
        Assert.Equal("maryjane oconnor", ChildIdentifiers.NormaliseName("  Mary-Jane ", "O'Connor"));
}
