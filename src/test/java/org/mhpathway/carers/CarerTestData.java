package org.mhpathway.carers;

/** A carer for tests that need one in the register, recorded as the ward would. */
public final class CarerTestData {

    private CarerTestData() {
    }

    public static CarerDetails carer(String name, String phone, boolean consentToShare) {
        return new CarerDetails(name, "Partner", phone, null, consentToShare);
    }
}
