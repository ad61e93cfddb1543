package org.mhpathway.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mhpathway.carers.Carer;
import org.mhpathway.carers.CarerRegister;
import org.mhpathway.demo.PathwayDriver;
import org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientReviews;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;
import org.mhpathway.pathway.PathwayRecord;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.referral.ReferralRequest;
import org.mhpathway.referral.ReferralService;
import org.mhpathway.referral.ReferralSource;
import org.mhpathway.pathway.WardType;
import org.mhpathway.access.Roles;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What each demo user sees in a real browser (Debian's Chromium, headless): Tasklist as each of them, the referral
 * page, a Camunda Form refused for an empty field, and Cockpit refused to the discharge hub. The application runs
 * as {@code ./mvnw spring-boot:run} runs it (the demo profile, its users and sample patients), once for the class,
 * on an in-memory database; each test gets a fresh browser. The first screen of each user is saved to
 * {@code target/screenshots/tasklist-<user>.png} (docs/webapps.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:tasklist-browser;DB_CLOSE_DELAY=-1;DEFAULT_NULL_ORDERING=HIGH",
        // the lists stay as the demo laid them out while the browser reads them
        "camunda.bpm.job-execution.enabled=false",
        // the demo partners' webhooks would go to port 8080 of this machine: here, to a port nothing answers on
        "mhpathway.partners.source-endpoint=http://127.0.0.1:1"})
@ActiveProfiles("demo")
@EnabledIf("org.mhpathway.webapp.Chromium#installedOrRequired")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TasklistBrowserTest {

    /** Tasklist's page size. */
    private static final int PAGE = 15;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Pattern TASK_ID = Pattern.compile("task=([0-9a-f-]+)");

    /** The demo users of the README (password = user id) and the list each must land on; demo is in every group. */
    private static final Map<String, String> DEMO_USERS = new LinkedHashMap<>();
    /** Each group's own list, by the name Tasklist shows. */
    private static final Map<String, String> GROUP_OF_LIST = Map.of(
            "Ward work", Roles.WARD_CLINICIANS,
            "Beds and admissions", Roles.BED_MANAGEMENT,
            "Discharge hub work", Roles.DISCHARGE_HUB,
            "Housing work", Roles.HOUSING,
            "Community team work", Roles.COMMUNITY_MH_TEAM,
            "Managers' work", Roles.MANAGERS);
    private static final Set<String> REFERRERS = Set.of("clinician", "bedmanager", "nottsclinician", "demo");
    /**
     * Tasks a deadline governs (PATHWAY.md section 2): Key Stage 1 within 72 hours of admission, the C(E)TR within
     * 28 days of admission, the follow-up within 72 hours of discharge and the GP summary within 7 days.
     */
    private static final Set<String> DEADLINE_TASKS = Set.of(KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION,
            KeyStage1.TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN, KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING,
            KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK, InpatientReviews.TASK_HOLD_CETR_WITHIN28_DAYS,
            FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP, FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY);

    static {
        DEMO_USERS.put("clinician", "Ward work");
        DEMO_USERS.put("bedmanager", "Beds and admissions");
        DEMO_USERS.put("hub", "Discharge hub work");
        DEMO_USERS.put("housing", "Housing work");
        DEMO_USERS.put("cmht", "Community team work");
        DEMO_USERS.put("manager", "Managers' work");
        DEMO_USERS.put("nottsclinician", "Ward work");
        DEMO_USERS.put("demo", null);
    }

    @LocalServerPort int port;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired IdentityService identity;
    @Autowired PathwayRegister register;
    @Autowired ReferralService referrals;
    @Autowired PathwayDriver pathwayDriver;
    @Autowired CarerRegister carers;
    @Autowired org.mhpathway.pathway.EstimatedDischargeDates estimatedDischargeDates;

    private Chromium chromium;
    private ChromeDriver driver;
    private WebDriverWait wait;

    /** A failed test leaves the browser's last screen in target/screenshots/failed-<test>.png. */
    @RegisterExtension
    final AfterTestExecutionCallback screenOfAFailure = context -> {
        if (context.getExecutionException().isPresent() && driver != null) {
            String name = "failed-" + context.getRequiredTestMethod().getName();
            screenshot(name);
            Files.writeString(SCREENSHOTS.resolve(name + ".txt"), driver.getCurrentUrl() + "\n"
                    + driver.manage().logs().get("browser").getAll().stream().map(Object::toString)
                    .collect(Collectors.joining("\n")));
        }
    };

    @BeforeEach
    void browser() {
        chromium = Chromium.start();
        driver = chromium.driver;
        wait = new WebDriverWait(driver, Duration.ofSeconds(90), Duration.ofMillis(250));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() {
        chromium.close();
    }

    // ---- Tasklist as each demo user ----

    @Test
    @Order(1)
    void eachDemoUserLandsOnTheirOwnListWithoutCamundasNoise() throws IOException {
        for (Map.Entry<String, String> user : DEMO_USERS.entrySet()) {
            String id = user.getKey();
            logInToTasklist(id);
            List<TaskList> lists = lists();
            String first = lists.get(0).name();
            assertThat(lists.get(0).open()).as(id + "'s first list is the one open").isTrue();
            if (user.getValue() != null) {
                assertThat(first).as(id + "'s first list").isEqualTo(user.getValue());
            } else {
                assertThat(GROUP_OF_LIST).as(id + "'s first list is a group's own").containsKey(first);
            }
            long expected = tasks.createTaskQuery().taskCandidateGroup(GROUP_OF_LIST.get(first)).includeAssignedTasks()
                    .tenantIdIn(icsOf(id)).count();
            assertThat(expected).as("demo tasks for " + id).isPositive();
            assertThat(waitForList()).as(id + "'s " + first).isEqualTo((int) expected);
            assertNoCamundaNoise(id);
            if (REFERRERS.contains(id)) {
                assertThat(wait.until(visibilityOfElementLocated(By.id("refer-a-person"))).getText())
                        .isEqualTo("Refer a person");
            } else {
                assertThat(driver.findElements(By.id("refer-a-person"))).as(id + " takes no referrals").isEmpty();
            }
            screenshot("tasklist-" + id);
        }
    }

    @Test
    void aNottinghamshireClinicianSeesNoPatientOfAnotherIcs() {
        logInToTasklist("nottsclinician");
        List<String> seen = taskIdsOfTheWholeList();
        assertThat(seen).hasSize((int) tasks.createTaskQuery().taskCandidateGroup(Roles.WARD_CLINICIANS)
                .includeAssignedTasks().tenantIdIn("QT1").count()).isNotEmpty();
        assertThat(icsOfTasks(seen)).containsOnly("QT1");
        openList("My groups' work");
        List<String> allTheirs = taskIdsOfTheWholeList();
        assertThat(allTheirs).isNotEmpty();
        assertThat(icsOfTasks(allTheirs)).containsOnly("QT1");
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("QJ2").doesNotContain("QHG");
    }

    /**
     * A nurse's own ward: the list searched, in Tasklist's search bar, for the process variable {@code ward} (Tasklist
     * offers it by its label, *Ward*, as every list shows it). Tasklist keeps the search in the page's address, so the
     * ward's list is a bookmark; opened from that address, the list shows that ward's tasks and no other's.
     */
    @Test
    void aWardClinicianSearchesTheListForTheirOwnWard() {
        String ward = "Willow Ward";
        long onTheWard = tasks.createTaskQuery().taskCandidateGroup(Roles.WARD_CLINICIANS).includeAssignedTasks()
                .processVariableValueEquals("ward", ward).count();
        long all = tasks.createTaskQuery().taskCandidateGroup(Roles.WARD_CLINICIANS).includeAssignedTasks().count();
        assertThat(onTheWard).as("ward clinicians' tasks on %s", ward).isPositive().isLessThan(all);

        logInToTasklist("clinician");
        String search = "[{\"type\":\"processVariables\",\"operator\":\"eq\",\"value\":\"" + ward
                + "\",\"name\":\"ward\"}]";
        driver.get(url("/camunda/app/tasklist/default/#/?searchQuery="
                + java.net.URLEncoder.encode(search, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")));
        wait.until(d -> d.findElements(By.cssSelector("li.task")).size() == Math.min(onTheWard, PAGE));
        List<Card> shown = cardsOnThisPage();
        assertThat(shown).as("the ward's list").hasSize((int) Math.min(onTheWard, PAGE))
                .allSatisfy(card -> assertThat(card.text()).contains(ward));
        assertThat(driver.findElement(By.cssSelector("[cam-widget-search]")).getText()).as("the search shown")
                .contains(ward);
    }

    // ---- Cockpit and Admin ----

    @Test
    void theDischargeHubReachingCockpitIsSentToTasklist() {
        logInToTasklist("hub");
        driver.get(url("/camunda/app/cockpit/default/"));
        assertToldToGoToTasklist();
        driver.findElement(By.id("tasklist")).click();
        wait.until(visibilityOfElementLocated(By.cssSelector(".task-filter.active .counter")));
        assertThat(lists()).filteredOn(TaskList::open).extracting(TaskList::name).containsExactly("Discharge hub work");

        // the same when the hub logs in on Cockpit's own page
        logOut();
        driver.get(url("/camunda/app/cockpit/default/"));
        logInOnThisPage("hub");
        wait.until(urlContains("/error/403.html"));
        assertToldToGoToTasklist();
    }

    @Test
    void cockpitAndAdminShowNoCamunda8Banner() {
        driver.get(url("/camunda/app/cockpit/default/"));
        logInOnThisPage("manager");
        wait.until(visibilityOfElementLocated(By.cssSelector("[cam-widget-header] .account")));
        assertNoBanner("Cockpit");
        logOut();
        driver.get(url("/camunda/app/admin/default/"));
        logInOnThisPage("demo");
        wait.until(visibilityOfElementLocated(By.cssSelector("[cam-widget-header] .account")));
        assertNoBanner("Admin");
    }

    // ---- Camunda Forms ----

    @Test
    void aRequiredFieldLeftEmptyIsShownOnTheFieldAndNothingIsSent() {
        Task task = tasks.createTaskQuery().taskDefinitionKey(InpatientReviews.TASK_RECORD_RED_TO_GREEN_DAY)
                .taskUnassigned().tenantIdIn("QJ2", "QT1", "QHG").orderByTaskCreateTime().asc().listPage(0, 1).get(0);
        logInToTasklist("clinician");
        openTask(task.getId());
        clickText("Claim");
        WebElement complete = wait.until(elementToBeClickable(completeButton()));
        complete.click();

        List<WebElement> errors = wait.until(d -> {
            List<WebElement> shown = d.findElements(By.cssSelector(".fjs-form-field-error")).stream()
                    .filter(WebElement::isDisplayed).toList();
            return shown.size() == 2 ? shown : null;
        });
        assertThat(errors).extracting(WebElement::getText).containsOnly("Field is required.");
        assertThat(notifications()).doesNotContain("An error happened");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("not completed").isOne();

        // filled in, the same form completes
        driver.findElement(By.cssSelector(".fjs-form input[type=radio]")).click(); // the first: green
        driver.findElement(By.cssSelector(".fjs-form textarea")).sendKeys("Ward round agreed the discharge plan");
        wait.until(elementToBeClickable(completeButton())).click();
        wait.until(d -> tasks.createTaskQuery().taskId(task.getId()).count() == 0);
        assertThat(notifications()).doesNotContain("An error happened");
    }

    /**
     * The person's chosen carers recorded where the ward agrees the purpose of admission (seed 004; PATHWAY.md section
     * 5b): Tasklist's dynamic list takes several carers, checks an e-mail address on its field, and each carer is kept
     * with the person's consent, ticked or not.
     */
    @Test
    void aWardClinicianRecordsThePersonsCarersOnAgreePurposeOfAdmission() {
        String pathwayId = admittedToWard1("9990020019");
        String taskId = tasks.createTaskQuery().processInstanceBusinessKey(pathwayId)
                .taskDefinitionKey(KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION).singleResult().getId();
        logInToTasklist("clinician");
        openTask(taskId);
        clickText("Claim");
        wait.until(elementToBeClickable(By.cssSelector(".fjs-form textarea"))).sendKeys("Treat the relapse");
        wait.until(d -> fieldsLabelled("Agreed with the person").size() == 1);
        fieldsLabelled("Agreed with the person").get(0).click();
        for (int carer = 0; carer < 2; carer++) {
            wait.until(elementToBeClickable(By.cssSelector(".fjs-repeat-render-add"))).click();
        }
        wait.until(d -> fieldsLabelled("Name").size() == 2);
        fillCarer(0, "Sam Taylor", "Partner", "", "sam.taylor@");
        fillCarer(1, "Alex Reid", "Brother", "07700 900456", "");
        fieldsLabelled("The person consents to the ward telling this carer").get(0).click();

        // the address is checked on its field as it is typed, and the form cannot be completed until it is right
        WebElement error = wait.until(visibilityOfElementLocated(By.cssSelector(".fjs-form-field-error")));
        assertThat(error.getText()).isEqualTo("Field must be a valid email.");
        assertThat(driver.findElement(completeButton()).isEnabled()).isFalse();
        assertThat(tasks.createTaskQuery().taskId(taskId).count()).as("not completed").isOne();

        fieldsLabelled("E-mail address").get(0).sendKeys("example.org");
        wait.until(elementToBeClickable(completeButton())).click();
        wait.until(d -> tasks.createTaskQuery().taskId(taskId).count() == 0);
        assertThat(notifications()).doesNotContain("An error happened");
        assertThat(carers.list(pathwayId))
                .extracting(Carer::name, Carer::relationship, Carer::phone, Carer::email, Carer::consentToShare)
                .containsExactly(tuple("Sam Taylor", "Partner", null, "sam.taylor@example.org", true),
                        tuple("Alex Reid", "Brother", "07700 900456", null, false));
    }

    /**
     * The ward confirms each carer's consent with the person when it gives the 48 hours' notice (seed 004): the form
     * shows the carers as recorded, read-only, each with the person's consent; a carer unticked is recorded as the
     * person's withdrawal, and nothing is sent to them.
     */
    @Test
    void theWardConfirmsEachCarersConsentWhenGivingThe48HoursNotice() {
        String pathwayId = admittedToWard1("9990020027");
        pathwayDriver.complete(pathwayId, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION, Map.of("purposeOfAdmission",
                "Treat the relapse", "purposeAgreedWithPerson", true, "carers", Spin.JSON("[{\"name\":\"Sam Taylor\","
                        + "\"relationship\":\"Partner\",\"email\":\"sam.taylor@example.org\",\"consentToShare\":true}]")));
        String now = restOfKeyStage1AndReadyForDischarge(pathwayId);
        pathwayDriver.complete(pathwayId, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, Map.of(
                "dischargePlan", "CMHT weekly", "estimatedDischargeDate", "2027-01-30",
                "eddChangeReason", "Date agreed with the community team"));
        Task notice = tasks.createTaskQuery().processInstanceBusinessKey(pathwayId)
                .taskDefinitionKey(HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE).singleResult();
        // the dates and the checklist as the ward would have filled them in; the carers are what this test is about
        runtime.setVariable(notice.getProcessInstanceId(), "dischargeNoticeGivenAt", now);
        runtime.setVariable(notice.getProcessInstanceId(), "plannedDischargeAt", now.replaceFirst("^(\\d{4})",
                String.valueOf(java.time.Year.now().getValue() + 1)));
        runtime.setVariable(notice.getProcessInstanceId(), "noticeGivenTo", Spin.JSON("[\"person\",\"carers\"]"));
        long carerId = carers.list(pathwayId).get(0).id();

        logInToTasklist("clinician");
        openTask(notice.getId());
        clickText("Claim");
        wait.until(d -> fieldsLabelled("Name").size() == 1);
        WebElement name = fieldsLabelled("Name").get(0);
        assertThat(name.getAttribute("value")).isEqualTo("Sam Taylor");
        assertThat(name.getAttribute("readonly")).isNotNull();
        WebElement consent = fieldsLabelled("The person still consents to the ward telling this carer").get(0);
        assertThat(consent.isSelected()).isTrue();
        consent.click();
        wait.until(elementToBeClickable(completeButton())).click();

        wait.until(d -> tasks.createTaskQuery().taskId(notice.getId()).count() == 0);
        assertThat(notifications()).doesNotContain("An error happened");
        assertThat(carers.find(pathwayId, carerId).orElseThrow().consentToShare()).isFalse();
        assertThat(carers.consentHistory(carerId)).extracting(CarerRegister.ConsentDecision::recordedBy)
                .containsExactly("mh-pathway", "clinician");
    }

    /**
     * Seed 004 (rehabilitation): a change of estimated discharge date needs a reason. Refine discharge plan opens with
     * the date recorded before; the reason field appears only once the date is changed, is required then, and is kept
     * with the new date.
     */
    @Test
    void aChangedEstimatedDischargeDateAsksWhyAndKeepsTheReason() {
        String pathwayId = admittedToWard1("9990020035");
        pathwayDriver.complete(pathwayId, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION, Map.of("purposeOfAdmission",
                "Treat the relapse", "purposeAgreedWithPerson", true));
        restOfKeyStage1AndReadyForDischarge(pathwayId);
        String refine = tasks.createTaskQuery().processInstanceBusinessKey(pathwayId)
                .taskDefinitionKey(HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN).singleResult().getId();

        logInToTasklist("clinician");
        openTask(refine);
        clickText("Claim");
        wait.until(elementToBeClickable(By.cssSelector(".fjs-form textarea"))).sendKeys("CMHT weekly; home care daily");
        WebElement date = wait.until(d -> fieldsLabelled("Estimated discharge date").stream().findFirst().orElse(null));
        // Tasklist's date picker writes dates month first, whatever the browser's language
        assertThat(date.getAttribute("value")).isEqualTo("1/30/2027");
        assertThat(fieldsLabelled("Why the estimated discharge date changed")).as("same date: no reason asked").isEmpty();

        date.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "2/13/2027",
                org.openqa.selenium.Keys.TAB);
        wait.until(d -> fieldsLabelled("Why the estimated discharge date changed").size() == 1);
        wait.until(elementToBeClickable(completeButton())).click();
        WebElement error = wait.until(visibilityOfElementLocated(By.cssSelector(".fjs-form-field-error")));
        assertThat(error.getText()).isEqualTo("Field is required.");
        assertThat(tasks.createTaskQuery().taskId(refine).count()).as("not completed").isOne();

        fieldsLabelled("Why the estimated discharge date changed").get(0).sendKeys("Home care starts two weeks later");
        wait.until(elementToBeClickable(completeButton())).click();
        wait.until(d -> tasks.createTaskQuery().taskId(refine).count() == 0);
        assertThat(notifications()).doesNotContain("An error happened");
        assertThat(register.find(pathwayId).orElseThrow().estimatedDischargeDate())
                .isEqualTo(java.time.LocalDate.of(2027, 2, 13));
        assertThat(estimatedDischargeDates.forPathway(pathwayId)).last().satisfies(last -> {
            assertThat(last.previousDate()).isEqualTo(java.time.LocalDate.of(2027, 1, 30));
            assertThat(last.reason()).isEqualTo("Home care starts two weeks later");
            assertThat(last.recordedBy()).isEqualTo("clinician");
        });
    }

    // ---- referral from the browser ----

    @Test
    void aBedManagerRefersFromTasklistAndLandsOnTheNewPathwaysFirstTask() {
        logInToTasklist("bedmanager");
        wait.until(elementToBeClickable(By.id("refer-a-person"))).click();
        wait.until(visibilityOfElementLocated(By.id("referral")));
        // the codes the API takes, and the ICSs this user works in
        assertThat(options("wardType")).containsExactlyElementsOf(WardType.codes());
        assertThat(options("referralSource")).containsExactlyElementsOf(ReferralSource.codes());
        assertThat(options("homeIcs")).containsExactlyInAnyOrder("QJ2", "QT1", "QHG");

        String nhsNumber = "9990001006";
        String wrongCheckDigit = "9990001007";
        fillReferral(wrongCheckDigit, "QJ2");
        driver.findElement(By.id("submit")).click();
        WebElement nhsField = wait.until(visibilityOfElementLocated(
                By.cssSelector(".field.has-error[data-field=nhsNumber]")));
        assertThat(nhsField.findElement(By.cssSelector(".error")).getText())
                .isEqualTo("NHS number fails the Modulus 11 check digit");
        assertThat(driver.findElements(By.cssSelector(".field.has-error"))).as("only the NHS number is wrong").hasSize(1);
        assertThat(driver.findElement(By.id("error-summary")).getText()).contains("NHS number fails the Modulus 11");
        assertThat(register.openPathwayOf(wrongCheckDigit)).isEmpty();
        assertThat(register.openPathwayOf(nhsNumber)).isEmpty();

        WebElement nhs = driver.findElement(By.id("nhsNumber"));
        nhs.clear();
        nhs.sendKeys("999 000 1006");
        driver.findElement(By.id("submit")).click();
        wait.until(urlContains("/camunda/app/tasklist/default/#/?task="));
        String taskId = taskIdIn(driver.getCurrentUrl());
        String pathwayId = register.openPathwayOf(nhsNumber).orElseThrow();
        Task first = tasks.createTaskQuery().taskId(taskId).singleResult();
        assertThat(first.getTaskDefinitionKey()).isEqualTo(InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(first.getProcessInstanceId()).singleResult()
                .getBusinessKey()).isEqualTo(pathwayId);
        assertThat(wait.until(visibilityOfElementLocated(By.cssSelector("h2.task")))
                .getText()).isEqualTo("Assess needs and decide on admission");
    }

    @Test
    void aWardClinicianIsToldWhoseTheFirstTaskIsAndOtherGroupsWhoTakesReferrals() {
        logInToTasklist("nottsclinician");
        driver.get(url("/referral/"));
        wait.until(visibilityOfElementLocated(By.id("referral")));
        assertThat(options("homeIcs")).containsExactly("QT1");
        assertThat(new Select(driver.findElement(By.id("homeIcs"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("QT1");
        fillReferral("9990001014", null);
        driver.findElement(By.id("submit")).click();
        String said = wait.until(d -> {
            String text = d.findElement(By.id("status")).getText();
            return text.contains("started") ? text : null;
        });
        PathwayRecord pathway = register.find(register.openPathwayOf("9990001014").orElseThrow()).orElseThrow();
        assertThat(pathway.homeIcs()).isEqualTo("QT1");
        assertThat(said).isEqualTo("Pathway " + pathway.pathwayId() + " started. Its first task, \"Assess needs and "
                + "decide on admission\", is for bed management. Back to Tasklist");

        logInToTasklist("hub");
        assertThat(driver.findElements(By.id("refer-a-person"))).isEmpty();
        driver.get(url("/referral/"));
        String told = wait.until(d -> {
            String text = d.findElement(By.id("status")).getText();
            return text.startsWith("Referrals are taken") ? text : null;
        });
        assertThat(told).isEqualTo("Referrals are taken by bed management and ward clinicians. Your work is in Tasklist.");
        assertThat(driver.findElement(By.id("referral")).isDisplayed()).isFalse();
    }

    // ---- whose task, by when, with notes (issue 11, items 1 to 3) ----

    @Test
    void eachTaskInEachDemoUsersListShowsThePatientAndItsDeadline() {
        for (String user : DEMO_USERS.keySet()) {
            logInToTasklist(user);
            forEachCardOfTheWholeList(card -> {
                Task task = tasks.createTaskQuery().taskId(card.taskId()).singleResult();
                String pathwayId = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                        .singleResult().getBusinessKey();
                String nhs = register.find(pathwayId).orElseThrow().nhsNumber();
                String shown = nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6);
                assertThat(card.text()).as(user + ": " + task.getName() + " shows its patient").contains(shown);
                if (DEADLINE_TASKS.contains(task.getTaskDefinitionKey())) {
                    assertThat(card.dueShown()).as(user + ": " + task.getName() + " shows its deadline").isTrue();
                }
                if (task.getDueDate() != null) {
                    assertThat(card.overdueShown()).as(user + ": " + task.getName() + " due " + task.getDueDate()
                            + " shown as overdue").isEqualTo(task.getDueDate().before(new java.util.Date()));
                    if (card.overdueShown()) {
                        assertThat(card.dueColour()).as(user + ": an overdue date in red").isEqualTo("rgb(179, 0, 27)");
                    }
                }
            });
        }
    }

    @Test
    void eachDemoUsersListOpensWithTheSoonestDeadlineFirstAndUndatedTasksLast() {
        for (String user : DEMO_USERS.keySet()) {
            logInToTasklist(user);
            assertThat(driver.getCurrentUrl()).as(user + "'s list order").contains("dueDate");
            List<java.util.Date> dues = new ArrayList<>();
            forEachCardOfTheWholeList(card -> dues.add(tasks.createTaskQuery().taskId(card.taskId()).singleResult()
                    .getDueDate()));
            assertThat(dues).as(user + "'s due dates, in list order").isNotEmpty()
                    .isSortedAccordingTo(java.util.Comparator.nullsLast(java.util.Comparator.<java.util.Date>naturalOrder()));
        }
    }

    @Test
    void aCommentSavedOnATaskIsThereAfterReload() {
        for (String user : List.of("clinician", "hub")) {
            logInToTasklist(user);
            String taskId = cardsOnThisPage().get(0).taskId();
            openTask(taskId);
            String note = "Handover from " + user + ": sister visiting at 3pm";
            wait.until(elementToBeClickable(By.cssSelector("a.createCommentLink"))).click();
            wait.until(visibilityOfElementLocated(By.id("comment-form-message"))).sendKeys(note);
            driver.findElement(By.cssSelector(".modal button[type=submit]")).click();
            wait.until(d -> d.findElements(By.cssSelector(".modal")).isEmpty()
                    || notifications().contains("could not be saved"));
            assertThat(notifications()).as(user + "'s comment").doesNotContain("could not be saved");
            driver.navigate().refresh();
            wait.until(elementToBeClickable(By.linkText("History"))).click();
            wait.until(d -> d.findElement(By.tagName("body")).getText().contains(note));
        }
    }

    // ---- the browser's side ----

    private void logInToTasklist(String user) {
        logOut();
        driver.get(url("/camunda/app/tasklist/default/"));
        logInOnThisPage(user);
        wait.until(visibilityOfElementLocated(By.cssSelector(".task-filter.active .counter")));
        waitForList();
    }

    /**
     * Leaves the page first, so that nothing of the last user's page runs on once their cookies are gone, then
     * clears every cookie of the browser (WebDriver's own call clears only the open page's).
     */
    private void logOut() {
        driver.get("about:blank");
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** Camunda's login form of whichever app is open; each demo user's password is their user id. */
    private void logInOnThisPage(String user) {
        // the login view can be drawn twice while the app starts: type again until both fields hold what was typed
        wait.until(d -> {
            try {
                WebElement name = d.findElement(By.cssSelector("input[ng-model=username]"));
                WebElement password = d.findElement(By.cssSelector("input[ng-model=password]"));
                if (!name.isDisplayed() || !password.isDisplayed()) {
                    return false;
                }
                name.clear();
                name.sendKeys(user);
                password.clear();
                password.sendKeys(user);
                return user.equals(name.getDomProperty("value")) && user.equals(password.getDomProperty("value"));
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                return false;
            }
        });
        driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** Waits until the open list shows as many tasks as its counter says (one page at most); gives the counter. */
    private int waitForList() {
        return wait.until(d -> {
            String counter = d.findElement(By.cssSelector(".task-filter.active .counter")).getText().replaceAll("\\D", "");
            if (counter.isEmpty()) {
                return null;
            }
            int count = Integer.parseInt(counter);
            return d.findElements(By.cssSelector("li.task")).size() == Math.min(count, PAGE) ? count : null;
        });
    }

    /** A list in Tasklist's sidebar: its name (without the counter) and whether it is the one open. */
    record TaskList(String name, boolean open) {
    }

    /** A task as its card in the list shows it. */
    record Card(String taskId, String text, boolean dueShown, boolean overdueShown, String dueColour) {
    }

    /** Read in one go: Tasklist redraws its lists whenever it refreshes them. */
    private List<TaskList> lists() {
        return wait.until(d -> {
            @SuppressWarnings("unchecked")
            List<List<Object>> read = (List<List<Object>>) driver.executeScript(
                    "return Array.from(document.querySelectorAll('.task-filter')).map(f => ["
                            + " f.querySelector('h4.name a').childNodes[0].textContent.trim(),"
                            + " f.classList.contains('active')]);");
            return read.isEmpty() ? null : read.stream()
                    .map(f -> new TaskList((String) f.get(0), (Boolean) f.get(1))).toList();
        });
    }

    private List<Card> cardsOnThisPage() {
        return wait.until(d -> {
            @SuppressWarnings("unchecked")
            List<List<Object>> read = (List<List<Object>>) driver.executeScript(
                    "return Array.from(document.querySelectorAll('li.task')).map(card => {"
                            + " const due = card.querySelector('.due-date');"
                            + " return [card.querySelector('h4.task a').href, card.innerText,"
                            + "   !!due && due.offsetParent !== null, !!due && due.classList.contains('overdue'),"
                            + "   due ? getComputedStyle(due).color : '']; });");
            return read.stream().map(c -> new Card(taskIdIn((String) c.get(0)), (String) c.get(1), (Boolean) c.get(2),
                    (Boolean) c.get(3), (String) c.get(4))).toList();
        });
    }

    private void openList(String name) {
        wait.until(d -> {
            for (WebElement list : d.findElements(By.cssSelector(".task-filter h4.name a"))) {
                if (list.getText().startsWith(name)) {
                    list.click();
                    return true;
                }
            }
            throw new AssertionError("no list " + name);
        });
        wait.until(d -> lists().stream().anyMatch(l -> l.open() && l.name().equals(name)));
        waitForList();
    }

    private List<String> taskIdsOfTheWholeList() {
        List<String> ids = new ArrayList<>();
        forEachCardOfTheWholeList(card -> ids.add(card.taskId()));
        return ids;
    }

    private void forEachCardOfTheWholeList(java.util.function.Consumer<Card> each) {
        while (true) {
            List<Card> page = cardsOnThisPage();
            page.forEach(each);
            List<WebElement> next = driver.findElements(By.cssSelector("ul.pagination li.pagination-next:not(.disabled) a"));
            if (next.isEmpty() || !next.get(0).isDisplayed()) {
                return;
            }
            next.get(0).click();
            List<String> before = page.stream().map(Card::taskId).toList();
            wait.until(d -> {
                List<String> now = cardsOnThisPage().stream().map(Card::taskId).toList();
                return !now.isEmpty() && !now.equals(before);
            });
        }
    }

    private static String taskIdIn(String href) {
        Matcher m = TASK_ID.matcher(href);
        assertThat(m.find()).as(href).isTrue();
        return m.group(1);
    }

    private void openTask(String taskId) {
        driver.get(url("/camunda/app/tasklist/default/#/?task=" + taskId));
        wait.until(visibilityOfElementLocated(By.cssSelector(".fjs-form")));
    }

    private By completeButton() {
        return By.xpath("//button[normalize-space()='Complete']");
    }

    private void clickText(String text) {
        wait.until(elementToBeClickable(By.xpath("//*[self::a or self::button][normalize-space()='" + text + "']")))
                .click();
    }

    private String notifications() {
        return driver.findElements(By.cssSelector(".page-notifications")).stream().map(WebElement::getText)
                .collect(Collectors.joining("\n"));
    }

    private void assertNoCamundaNoise(String user) {
        String visible = driver.findElement(By.tagName("body")).getText();
        assertThat(visible).as(user).doesNotContain("Camunda 8").doesNotContain("Create task")
                .doesNotContain("Start process");
        assertNoBanner(user);
        // Camunda's header items are there, hidden
        assertThat(driver.findElements(By.cssSelector("li.create-task-action, li.start-process-action"))).as(user)
                .hasSize(2).allSatisfy(item -> assertThat(item.isDisplayed()).isFalse());
        // read at once: Tasklist redraws its list when it refreshes it
        @SuppressWarnings("unchecked")
        List<Object> priorities = (List<Object>) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll('li.task')).map(card => {"
                        + " const p = card.querySelector('.priority');"
                        + " return p ? [p.textContent.trim(), getComputedStyle(p).display] : null; });");
        assertThat(priorities).as(user + ": each task's priority").isNotEmpty()
                .allSatisfy(p -> assertThat(p).isEqualTo(List.of("50", "none")));
    }

    private void assertNoBanner(String where) {
        assertThat(driver.findElements(By.cssSelector(".ce-eol-banner"))).as(where + ": Camunda's banner, hidden")
                .isNotEmpty().allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());
        assertThat(driver.findElement(By.tagName("body")).getText()).as(where).doesNotContain("Camunda 8");
    }

    private void assertToldToGoToTasklist() {
        assertThat(wait.until(visibilityOfElementLocated(By.tagName("h1"))).getText())
                .isEqualTo("This page is not part of your work");
        String page = driver.findElement(By.tagName("body")).getText();
        assertThat(page).contains("Your tasks are in Tasklist.").doesNotContain("Whitelabel").doesNotContain("403");
        assertThat(driver.findElement(By.id("tasklist")).getAttribute("href"))
                .isEqualTo(url("/camunda/app/tasklist/default/"));
    }

    private List<String> options(String select) {
        return new Select(driver.findElement(By.id(select))).getOptions().stream()
                .map(o -> o.getAttribute("value")).filter(v -> !v.isEmpty()).toList();
    }

    /** A referral right in every field but the NHS number given; the ICS too when not null. */
    private void fillReferral(String nhsNumber, String ics) {
        WebElement nhs = driver.findElement(By.id("nhsNumber"));
        nhs.clear();
        nhs.sendKeys(nhsNumber);
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = '1987-03-14'",
                driver.findElement(By.id("dateOfBirth")));
        driver.findElement(By.cssSelector("input[name=learningDisabilityOrAutism][value=false]")).click();
        driver.findElement(By.id("gpPracticeCode")).sendKeys("C81001");
        if (ics != null) {
            new Select(driver.findElement(By.id("homeIcs"))).selectByValue(ics);
        }
        new Select(driver.findElement(By.id("wardType"))).selectByValue("adult-acute");
        new Select(driver.findElement(By.id("referralSource"))).selectByValue("crisis-team");
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    // ---- the engine's side ----

    private String[] icsOf(String user) {
        return identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
                .map(Tenant::getId).toArray(String[]::new);
    }

    private Set<String> icsOfTasks(List<String> taskIds) {
        return tasks.createTaskQuery().taskIdIn(taskIds.toArray(String[]::new)).list().stream()
                .map(Task::getTenantId).collect(Collectors.toSet());
    }

    /** A person referred and admitted to Ward 1 in Derby and Derbyshire, as the bed manager would. */
    /**
     * After the purpose of admission: the rest of Key Stage 1 (an EDD of 30 January 2027), clinically ready and planned
     * support in place, so *Refine discharge plan* is open. Answers the time used, as the forms send it.
     */
    private String restOfKeyStage1AndReadyForDischarge(String pathwayId) {
        pathwayDriver.complete(pathwayId, KeyStage1.TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN, Map.of(
                "formulationSummary", "Relapse", "carePlanSummary", "Medication review", "carePlanCoProduced", true));
        pathwayDriver.complete(pathwayId, KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, Map.of("estimatedDischargeDate",
                "2027-01-30", "intendedDestination", "home", "housingNeed", false));
        String now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(
                java.time.temporal.ChronoUnit.MINUTES).format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyy-MM-dd'T'HH:mmxxx"));
        pathwayDriver.complete(pathwayId, KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK, Map.of(
                "physicalHealthCheckAt", now, "treatmentCommencedAt", now));
        pathwayDriver.complete(pathwayId, InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, Map.of(
                "crfdAt", now, "crfdRationale", "Settled"));
        pathwayDriver.complete(pathwayId, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE,
                Map.of("dischargePossible", true));
        return now;
    }

    private String admittedToWard1(String nhsNumber) {
        String pathwayId = referrals.refer(new ReferralRequest(nhsNumber, "1980-02-03", false, false, "adult-acute",
                "QJ2", "C81001", "crisis-team", null));
        pathwayDriver.complete(pathwayId, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION, Map.of(
                "presentingNeeds", "Relapse", "advanceChoicesReviewed", true, "risksIdentified", "Self-neglect",
                "admitted", true, "socialCareInvolved", false));
        pathwayDriver.complete(pathwayId, InpatientPathway.TASK_ALLOCATE_BED, Map.of("ward", "Ward 1",
                "hospital", "Radbourne Unit", "admittedAt", java.time.Instant.now().truncatedTo(
                        java.time.temporal.ChronoUnit.SECONDS).toString(), "outOfArea", false));
        return pathwayId;
    }

    /** The inputs of the form's fields whose label starts so (a required field's label ends with *), in order. */
    private List<WebElement> fieldsLabelled(String label) {
        return driver.findElements(By.xpath("//label[starts-with(normalize-space(), \"" + label + "\")]")).stream()
                .map(l -> {
                    String id = l.getAttribute("for");
                    return id != null && !id.isEmpty() ? driver.findElement(By.id(id))
                            : l.findElement(By.xpath(".//input"));
                })
                .toList();
    }

    private void fillCarer(int index, String name, String relationship, String phone, String email) {
        fieldsLabelled("Name").get(index).sendKeys(name);
        fieldsLabelled("Relationship to the person").get(index).sendKeys(relationship);
        if (!phone.isEmpty()) {
            fieldsLabelled("Telephone").get(index).sendKeys(phone);
        }
        if (!email.isEmpty()) {
            fieldsLabelled("E-mail address").get(index).sendKeys(email);
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
