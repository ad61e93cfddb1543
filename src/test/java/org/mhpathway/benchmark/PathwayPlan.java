package org.mhpathway.benchmark;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * Where one pathway of the national load is to stand, and the facts of the person, chosen from its index alone so
 * that every run builds the same population: a pathway's stage repeats a deck of 20 (5% referred, 10% in Key Stage
 * 1, 55% in the stay, 10% delayed discharge, 10% housing escalation, 10% awaiting follow-up), its ICS cycles through
 * the three, about 5% have a learning disability or are autistic and 8% of the admitted are placed out of area.
 * Because 20 and 3 share no factor, every 60 pathways give each ICS every slot of the deck once; within the first
 * 60 the details are fixed so that even the smallest run gives every group of every ICS some work. Every 20 pathways
 * of an ICS share a ward ({@link #ward()}).
 */
record PathwayPlan(
        int index,
        Stage stage,
        String ics,
        String wardType,
        boolean learningDisabilityOrAutism,
        boolean ehcPlan,
        boolean cetrHeldBeforeAdmission,
        boolean outOfArea,
        boolean socialCareInvolved,
        LocalDate dateOfBirth,
        Duration admittedAgo,
        int keyStage1TasksDone,
        String delayReason,
        String delayAttribution,
        int housingSteps) {

    /** The stages the issue names; {@code apiStage} is what {@code GET /api/pathways/{id}} then answers. */
    enum Stage {
        REFERRED("assessment"),
        KEY_STAGE_1("key-stage-1"),
        IN_STAY("key-stage-2"),
        DELAYED_DISCHARGE("delayed-discharge"),
        HOUSING_ESCALATION("key-stage-2"),
        AWAITING_FOLLOW_UP("follow-up");

        final String apiStage;

        Stage(String apiStage) {
            this.apiStage = apiStage;
        }
    }

    private static final Stage[] DECK = {
            Stage.REFERRED, Stage.KEY_STAGE_1, Stage.IN_STAY, Stage.IN_STAY, Stage.DELAYED_DISCHARGE,
            Stage.IN_STAY, Stage.HOUSING_ESCALATION, Stage.IN_STAY, Stage.AWAITING_FOLLOW_UP, Stage.IN_STAY,
            Stage.KEY_STAGE_1, Stage.IN_STAY, Stage.DELAYED_DISCHARGE, Stage.IN_STAY, Stage.HOUSING_ESCALATION,
            Stage.IN_STAY, Stage.AWAITING_FOLLOW_UP, Stage.IN_STAY, Stage.IN_STAY, Stage.IN_STAY};
    /**
     * The deck slot that has a learning disability or autism, one block of 60 after another: in the stay first (so
     * the smallest run gives each ICS's managers a C(E)TR to hold), then in the other stages.
     */
    private static final int[] LD_SLOTS = {7, 1, 12, 0, 16, 5, 14, 9};
    private static final List<String> DELAY_REASONS = List.of("housing", "housing", "housing", "social-care",
            "social-care", "placement", "placement", "funding", "home-adaptations", "other-nhs-service",
            "family-or-carer", "legal");
    private static final List<String> WARD_TYPES = List.of("adult-acute", "adult-acute", "adult-acute",
            "adult-acute", "adult-acute", "adult-acute", "adult-acute", "adult-acute", "adult-acute", "adult-acute",
            "adult-acute", "older-adult", "older-adult", "older-adult", "older-adult", "picu", "picu",
            "rehabilitation", "rehabilitation", "rehabilitation");
    static final String KEY_STAGE_1_DEADLINE = "PT72H";
    /** Beds on a ward: England's adult acute wards have about 18 to 22. */
    static final int BEDS_PER_WARD = 20;

    static PathwayPlan of(int index, long seed) {
        Random r = new Random(seed * 1_000_003L + index);
        int slot = index % DECK.length;
        Stage stage = DECK[slot];
        String ics = LoadUsers.ICSS.get(index % LoadUsers.ICSS.size());
        boolean early = index < 60;
        boolean ld = slot == LD_SLOTS[(index / 60) % LD_SLOTS.length];
        String wardType = ld ? (r.nextInt(10) < 6 ? "learning-disability-and-autism" : "adult-acute")
                : WARD_TYPES.get(r.nextInt(WARD_TYPES.size()));
        int age = wardType.equals("older-adult") ? 66 + r.nextInt(27) : ld ? 18 + r.nextInt(20) : 18 + r.nextInt(47);
        boolean ehcPlan = ld && age <= 25 && r.nextBoolean();
        LocalDate dateOfBirth = LocalDate.now().minusYears(age).minusDays(r.nextInt(365));
        boolean cetrHeld = ld && !early && r.nextBoolean();
        boolean outOfArea = stage != Stage.REFERRED && (index % 25 == 3 || index % 25 == 11);
        // Key Stage 1 in progress: some admitted more than 72 hours ago, whose deadline is missed as they are admitted
        // (PATHWAY.md section 2); every other stage was admitted within the last 66 hours, so Key Stage 1 was done in time
        Duration admittedAgo = switch (stage) {
            case KEY_STAGE_1 -> Duration.ofMinutes(60 + r.nextInt(95 * 60));
            case AWAITING_FOLLOW_UP -> Duration.ofMinutes(58 * 60 + r.nextInt(8 * 60));
            default -> Duration.ofMinutes(180 + r.nextInt(63 * 60));
        };
        String reason = DELAY_REASONS.get(r.nextInt(DELAY_REASONS.size()));
        String attribution = switch (reason) {
            case "housing", "social-care", "home-adaptations" -> r.nextBoolean() ? "social-care" : "both";
            default -> "nhs";
        };
        int housingSteps = early ? (index / 20) % 4 : r.nextInt(4);
        return new PathwayPlan(index, stage, ics, wardType, ld, ehcPlan, cetrHeld, outOfArea, r.nextInt(10) < 3,
                dateOfBirth, admittedAgo, r.nextInt(4), reason, attribution, housingSteps);
    }

    /**
     * The ward the person is on. An ICS has more wards as it holds more people, as England's do: every
     * {@value #BEDS_PER_WARD} pathways of an ICS in a row share a ward, so a ward's own list holds as many people at
     * 18,000 as at 1,000. Those placed out of area are on independent hospitals' wards, numbered the same way.
     */
    String ward() {
        return (outOfArea ? "Independent ward " : "Ward ") + (1 + index / LoadUsers.ICSS.size() / BEDS_PER_WARD);
    }

    boolean admitted() {
        return stage != Stage.REFERRED;
    }
}
