package org.mhpathway.referral;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NHS number: 10 digits with a valid Modulus 11 check digit (PATHWAY.md section 6). */
class NhsNumberTest {

    @ParameterizedTest
    @CsvSource({"9434765919", "9990000018", "4010232137"})
    void validNumbersPass(String number) {
        assertThat(NhsNumber.problem(number)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "9434765918, fails the Modulus 11 check digit",
            // first nine digits give check digit 10, which is never issued
            "9990000000, fails the Modulus 11 check digit",
            "0000000000, 'is a placeholder, not an NHS number'",
            "1111111111, 'is a placeholder, not an NHS number'",
            "943476591, must be 10 digits",
            "94347659190, must be 10 digits",
            "943476591A, must be 10 digits"})
    void invalidNumbersSayWhy(String number, String why) {
        assertThat(NhsNumber.problem(number)).isEqualTo(why);
    }

    @Test
    void emptyIsRequired() {
        assertThat(NhsNumber.problem("")).isEqualTo("is required");
        assertThat(NhsNumber.problem(null)).isEqualTo("is required");
    }

    @Test
    void spacesAndHyphensAsTypedAreRemoved() {
        assertThat(NhsNumber.normalise("943 476 5919")).isEqualTo("9434765919");
        assertThat(NhsNumber.normalise("943-476-5919")).isEqualTo("9434765919");
    }
}
