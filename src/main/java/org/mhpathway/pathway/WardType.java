package org.mhpathway.pathway;

import java.util.Arrays;
import java.util.List;

/** The kind of ward the person is referred to; it selects some deadlines (older adults: 90-day long-stay review). */
public enum WardType {
    ADULT_ACUTE("adult-acute"),
    OLDER_ADULT("older-adult"),
    PICU("picu"),
    REHABILITATION("rehabilitation"),
    LEARNING_DISABILITY_AND_AUTISM("learning-disability-and-autism");

    private final String code;

    WardType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(WardType::code).toList();
    }
}
