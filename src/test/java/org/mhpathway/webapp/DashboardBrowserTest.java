package org.mhpathway.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mhpathway.pathway.PathwayRegister;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dashboards in a real browser (Debian's Chromium, headless), as each demo user opens them (issue 13): the
 * managers' indicators with their trends, targets and the patients behind a figure; the deadlines view; the
 * discharge hub's board, filtered and sorted, each row opening the pathway; the panel and links in Cockpit; and the
 * users each page is not for, told where their work is. The application runs in the demo profile as
 * {@code ./mvnw spring-boot:run} runs it, on an in-memory database of its own, with the job executor off so the demo
 * patients stay as laid out. Screens are saved to {@code target/screenshots/dashboard-*.png}; the README shows
 * copies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:dashboard-browser;DB_CLOSE_DELAY=-1;DEFAULT_NULL_ORDERING=HIGH",
        "camunda.bpm.job-execution.enabled=false",
        // the demo partners' webhooks would go to port 8080 of this machine: here, to a port nothing answers on
        "mhpathway.partners.source-endpoint=http://127.0.0.1:1"})
@ActiveProfiles("demo")
@EnabledIf("org.mhpathway.webapp.Chromium#installedOrRequired")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Demo patient 4, delayed in Derby and Derbyshire waiting for housing (README). */
    private static final String DELAYED_NHS_NUMBER = "9990000220";
    /** Demo patient 2, admitted 28 hours ago in Nottingham and Nottinghamshire, in Key Stage 1 (README). */
    private static final String ADMITTED_NHS_NUMBER = "9990000085";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter DATETIME_LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @LocalServerPort int port;
    @Autowired PathwayRegister register;
    @Autowired ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private Chromium chromium;
    private ChromeDriver driver;
    private WebDriverWait wait;

    /** A failed test leaves the browser's last screen in target/screenshots/failed-<test>.png, with its console. */
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

    // ---- the managers' indicators ----

    /**
     * A manager opens the indicators from Tasklist's header: every indicator of the ICS with its figure as the API
     * counts it, a chart of its months, and the ICS's target where it sets one.
     */
    @Test
    void aManagerSeesEachIndicatorWithItsMonthlyTrendAndTarget() throws Exception {
        logInToTasklist("manager");
        wait.until(elementToBeClickable(By.id("mh-pathway-indicators"))).click();
        wait.until(urlContains("/dashboards/indicators/"));
        showIcs("QHG");

        JsonNode period = periodCell(api("manager", "/api/indicators?ics=QHG&from=" + monthsBack(11) + "&to="
                + monthsBack(0)), "QHG");
        List<WebElement> cards = driver.findElements(By.cssSelector(".card[data-indicator]"));
        assertThat(cards).hasSize(12);
        for (WebElement card : cards) {
            String name = card.getDomAttribute("data-indicator");
            JsonNode figure = period.at("/indicators/" + name);
            String shown = card.findElement(By.cssSelector(".figure")).getText();
            switch (name) {
                case "followUpWithin72Hours", "cetrOnTime", "oversightVisitsOnTime", "keyStage1Within72Hours",
                     "dischargeNoticeGiven48Hours", "gpSummaryWithin7Days", "readmissionsWithin30Days" -> {
                    assertThat(card.findElement(By.cssSelector(".of")).getText()).as(name)
                            .isEqualTo(figure.get("numerator").asLong() + " of " + figure.get("denominator").asLong());
                    if (figure.get("rate").isNull()) {
                        assertThat(shown).as(name).isEqualTo("–");
                    } else {
                        assertThat(shown).as(name).endsWith("%");
                    }
                }
                case "deadlines" -> assertThat(shown).as(name).isEqualTo(figure.get("breached").asText());
                default -> assertThat(shown).as(name).isEqualTo(figure.get("numerator").asText());
            }
            // the chart is drawn: a canvas with a bar per month of the period
            wait.until(d -> !card.findElements(By.cssSelector(".chart canvas")).isEmpty());
            assertThat(card.findElement(By.cssSelector(".chart")).getDomAttribute("data-months")).isEqualTo("12");
            boolean hasTarget = !figure.get("target").isNull();
            assertThat(card.findElements(By.cssSelector(".target"))).as(name + "'s target").hasSize(hasTarget ? 1 : 0);
        }
        // BLMK's published targets (PATHWAY.md section 5a, seed 004): 80% followed up; out of area from 15 to 2
        assertThat(card("followUpWithin72Hours").findElement(By.cssSelector(".target")).getText())
                .startsWith("Target: at least 80%");
        assertThat(card("outOfAreaPlacements").findElement(By.cssSelector(".target")).getText())
                .startsWith("Target: at most 2");

        // the ward choice names every ward the ICS's figures count, and a ward chosen shows its own figures
        JsonNode report = api("manager", "/api/indicators?ics=QHG&byWard=false&from=" + monthsBack(11) + "&to="
                + monthsBack(0));
        List<String> wards = new ArrayList<>();
        report.at("/wards/QHG").forEach(w -> wards.add(w.asText()));
        assertThat(wards).isNotEmpty();
        Select wardChoice = new Select(driver.findElement(By.id("ward")));
        assertThat(wardChoice.getOptions()).extracting(WebElement::getText)
                .containsExactlyElementsOf(java.util.stream.Stream.concat(java.util.stream.Stream.of("Every ward"),
                        wards.stream()).toList());
        String ward = wards.get(0);
        JsonNode wardCell = periodCell(api("manager", "/api/indicators?ics=QHG&ward="
                + java.net.URLEncoder.encode(ward, StandardCharsets.UTF_8) + "&from=" + monthsBack(11) + "&to="
                + monthsBack(0)), "QHG", ward);
        WebElement before = card("longStays");
        wardChoice.selectByValue(ward);
        driver.findElement(By.id("show")).click();
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(before));
        cardsCounted();
        for (String name : List.of("longStays", "learningDisabilityAndAutismInpatients", "delayedDischarges")) {
            assertThat(card(name).findElement(By.cssSelector(".figure")).getText()).as(name)
                    .isEqualTo(wardCell.at("/indicators/" + name + "/numerator").asText());
        }
        Select wardShown = new Select(driver.findElement(By.id("ward")));
        assertThat(wardShown.getFirstSelectedOption().getText()).isEqualTo(ward);
        assertThat(wardShown.getOptions()).as("the ICS's other wards stay to choose from").hasSize(wards.size() + 1);
        assertNothingUnresolved();
        assertNoBrowserErrors();
        screenshotOfThePage("dashboard-indicators");
    }

    /**
     * The patients behind a figure: Derby and Derbyshire's open delayed discharge is demo patient 4, with the date it
     * began; a month narrows the list; a status chip narrows it; the pathway opens from the row.
     */
    @Test
    void aManagerDrillsIntoThePatientsBehindAFigureAndOpensOne() throws Exception {
        String delayed = register.openPathwayOf(DELAYED_NHS_NUMBER).orElseThrow();
        logInToTasklist("manager");
        driver.get(url("/dashboards/indicators/"));
        showIcs("QJ2");
        card("delayedDischarges").findElement(By.cssSelector("button.patients")).click();
        WebElement panel = wait.until(visibilityOfElementLocated(By.id("drill")));
        wait.until(d -> !rowsOf("drill-table").isEmpty() && !rowsOf("drill-table").get(0).get("pathwayId").isEmpty());
        List<Map<String, String>> rows = rowsOf("drill-table");
        assertThat(rows).extracting(r -> r.get("pathwayId")).contains(delayed);
        Map<String, String> row = rows.stream().filter(r -> r.get("pathwayId").equals(delayed)).findFirst()
                .orElseThrow();
        assertThat(row.get("status")).isEqualTo("Delayed");
        assertThat(row.get("reason")).isEqualTo("Housing");
        assertThat(row.get("startedAt")).isNotBlank();
        JsonNode api = api("manager", "/api/indicators/delayedDischarges/patients?ics=QJ2&from=" + monthsBack(11)
                + "&to=" + monthsBack(0));
        assertThat(rows).hasSize(api.get("patients").size());
        assertThat(driver.findElement(By.id("drill-cell")).getText()).contains("in the figure: "
                + api.get("numerator").asLong());

        // this month only
        new Select(driver.findElement(By.id("drill-month"))).selectByValue(monthsBack(0));
        wait.until(d -> driver.findElement(By.id("drill-cell")).getText().startsWith(
                YearMonth.parse(monthsBack(0)).getMonth().getDisplayName(java.time.format.TextStyle.FULL,
                        java.util.Locale.UK)));
        assertThat(rowsOf("drill-table")).extracting(r -> r.get("pathwayId")).contains(delayed);
        // one status only
        driver.findElement(By.cssSelector("#drill-statuses button[data-status='open']")).click();
        wait.until(d -> "true".equals(d.findElement(By.cssSelector("#drill-statuses button[data-status='open']"))
                .getDomAttribute("aria-pressed")));
        assertThat(rowsOf("drill-table")).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("Delayed"));
        screenshotOfThePage("dashboard-drill-down");

        panel.findElement(By.linkText(delayed)).click();
        wait.until(urlContains("/dashboards/pathway/?id=" + delayed));
        assertThat(wait.until(visibilityOfElementLocated(By.id("person-name"))).getText()).isEqualTo("Michael O'Brien");
        assertThat(driver.findElement(By.id("page")).getText()).contains("999 000 0220").contains("Delayed discharge")
                .contains("Resolve delayed discharge");
        assertThat(driver.findElement(By.id("death")).isDisplayed()).as("a death is the ward's to record").isFalse();
        assertNothingUnresolved();
        assertNoBrowserErrors();
    }

    // ---- the deadlines view ----

    /**
     * Deadlines across patients: running, due within 24 hours, overdue and missed, as the deadlines indicator counts
     * them; by ward, team and escalation level; and every deadline, filtered by team and sorted by due date.
     */
    @Test
    void aManagerSeesTheDeadlinesAcrossPatientsByWardTeamAndLevel() throws Exception {
        logInToTasklist("manager");
        wait.until(elementToBeClickable(By.id("mh-pathway-deadlines"))).click();
        wait.until(urlContains("/dashboards/deadlines/"));
        new Select(wait.until(visibilityOfElementLocated(By.id("ics")))).selectByValue("QJ2");
        driver.findElement(By.id("refresh")).click();
        JsonNode figures = periodCell(api("manager", "/api/indicators?ics=QJ2&from=" + monthsBack(0)), "QJ2")
                .at("/indicators/deadlines");
        wait.until(d -> tile("running").equals(figures.get("running").asText()));
        assertThat(tile("due-soon")).isEqualTo(figures.get("dueWithin24Hours").asText());
        assertThat(tile("overdue")).isEqualTo(figures.get("overdue").asText());
        assertThat(tile("breached")).isEqualTo(figures.get("breached").asText());
        assertThat(figures.get("running").asLong()).as("the demo's deadlines in Derby and Derbyshire").isPositive();
        wait.until(d -> !d.findElements(By.cssSelector("#by-ward canvas")).isEmpty());
        assertThat(rowsOf("by-team")).extracting(r -> r.get("team")).contains("Ward clinicians", "Discharge hub");
        assertThat(rowsOf("by-level")).extracting(r -> r.get("ladder")).contains("Delayed discharge");

        List<Map<String, String>> all = rowsOf("deadlines");
        assertThat(all).hasSize((int) figures.get("running").asLong() + (int) figures.get("breached").asLong());
        new Select(driver.findElement(By.id("filter-team"))).selectByValue("discharge-hub");
        wait.until(d -> rowsOf("deadlines").size() < all.size());
        List<Map<String, String>> hub = rowsOf("deadlines");
        assertThat(hub).isNotEmpty().allSatisfy(r -> assertThat(r.get("team")).isEqualTo("Discharge hub"));
        // soonest first, as the list opens; then latest first
        assertThat(dueOrder("deadlines")).isSorted();
        driver.findElement(By.cssSelector("#deadlines th[data-key='due'] button")).click();
        assertThat(dueOrder("deadlines")).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        new Select(driver.findElement(By.id("filter-team"))).selectByValue("");
        assertNothingUnresolved();
        assertNoBrowserErrors();
        screenshotOfThePage("dashboard-deadlines");
    }

    // ---- the discharge hub's board ----

    /**
     * The hub opens its board from Tasklist's header (it has no Cockpit): every open delayed discharge and housing
     * case of its ICSs, with the actions partners owe and their dates (one overdue, in red); filtered by case and
     * reason, sorted by days delayed, and each row opening the pathway.
     */
    @Test
    void theDischargeHubSeesEveryOpenDelayAndHousingCaseFiltersSortsAndOpensOne() throws Exception {
        String delayed = register.openPathwayOf(DELAYED_NHS_NUMBER).orElseThrow();
        LocalDate lastWeek = LocalDate.now(LONDON).minusDays(7);
        post("hub", "/api/pathways/" + delayed + "/housing/actions", Map.of("blocker", "deep-clean",
                "action", "Book a deep clean of the flat", "owner", "Tenancy sustainment officer",
                "dueDate", lastWeek.toString()));
        int delays = api("hub", "/api/delayed-discharges").size();
        int housing = api("hub", "/api/housing-cases").size();
        assertThat(delays).as("the demo's delayed discharges").isPositive();
        assertThat(housing).as("the demo's housing cases").isPositive();

        logInToTasklist("hub");
        assertThat(driver.findElements(By.id("mh-pathway-indicators"))).as("no indicators for the hub").isEmpty();
        wait.until(elementToBeClickable(By.id("mh-pathway-board")));
        assertThat(driver.findElements(By.id("mh-pathway-find"))).as("the hub reaches its pathways from the board")
                .isEmpty();
        driver.findElement(By.id("mh-pathway-board")).click();
        wait.until(urlContains("/dashboards/discharge-hub/"));
        wait.until(d -> rowsOf("board").size() == delays + housing);
        assertThat(tile("delays")).isEqualTo(String.valueOf(delays));
        assertThat(tile("housing")).isEqualTo(String.valueOf(housing));
        Map<String, String> delayRow = rowsOf("board").stream().filter(r -> r.get("pathwayId").equals(delayed)
                && r.get("kind").startsWith("Delayed discharge")).findFirst().orElseThrow();
        assertThat(delayRow.get("reason")).isEqualTo("Housing");
        assertThat(delayRow.get("attribution")).isEqualTo("Social care");
        assertThat(delayRow.get("days")).isEqualTo("9");
        assertThat(delayRow.get("level")).startsWith("2");
        assertThat(delayRow.get("next")).isNotBlank();
        assertThat(delayRow.get("actions")).contains("Tenancy sustainment officer: Book a deep clean of the flat")
                .contains("(overdue)");
        assertThat(driver.findElements(By.cssSelector("#board td[data-key='actions'] li.overdue"))).isNotEmpty();
        wait.until(d -> !d.findElements(By.cssSelector("#by-reason canvas")).isEmpty());
        screenshotOfThePage("dashboard-discharge-hub");

        // only housing cases
        new Select(driver.findElement(By.id("filter-kind"))).selectByValue("housing");
        wait.until(d -> rowsOf("board").size() == housing);
        assertThat(rowsOf("board")).allSatisfy(r -> assertThat(r.get("kind")).startsWith("Housing"));
        new Select(driver.findElement(By.id("filter-kind"))).selectByValue("");
        new Select(driver.findElement(By.id("filter-reason"))).selectByValue("housing");
        wait.until(d -> rowsOf("board").stream().allMatch(r -> r.get("reason").equals("Housing")));
        new Select(driver.findElement(By.id("filter-reason"))).selectByValue("");
        wait.until(d -> rowsOf("board").size() == delays + housing);
        // longest delayed first, as the board opens; a click on the header turns it round
        assertThat(days()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        driver.findElement(By.cssSelector("#board th[data-key='days'] button")).click();
        assertThat(days()).isSorted();
        assertThat(driver.findElement(By.cssSelector("#board th[data-key='days']")).getDomAttribute("aria-sort"))
                .isEqualTo("ascending");

        driver.findElement(By.cssSelector("#board")).findElement(By.linkText(delayed)).click();
        wait.until(urlContains("/dashboards/pathway/?id=" + delayed));
        assertThat(wait.until(visibilityOfElementLocated(By.id("person-name"))).getText()).isEqualTo("Michael O'Brien");
        assertThat(driver.findElement(By.id("page")).getText()).contains("Book a deep clean of the flat")
                .doesNotContain("Its processes in Cockpit");
        assertThat(driver.findElement(By.id("death")).isDisplayed()).as("a death is the ward's to record").isFalse();
        assertNothingUnresolved();
        assertNoBrowserErrors();
    }

    // ---- Cockpit ----

    /** Managers watch timers in Cockpit: its dashboard has the deadlines of each of their ICSs, its header the pages. */
    @Test
    void cockpitsDashboardShowsAManagerEachIcssDeadlinesAndLinksToThePages() throws Exception {
        openLoginPage("/camunda/app/cockpit/default/");
        logInOnThisPage("manager");
        WebElement panel = wait.until(visibilityOfElementLocated(By.id("mh-pathway-panel")));
        wait.until(d -> panel.findElements(By.cssSelector("tbody tr")).size() == 3);
        JsonNode answer = api("manager", "/api/indicators?from=" + monthsBack(0));
        for (String ics : List.of("QJ2", "QT1", "QHG")) {
            JsonNode deadlines = periodCell(answer, ics).at("/indicators/deadlines");
            List<String> cells = panel.findElement(By.cssSelector("tr[data-ics='" + ics + "']"))
                    .findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            assertThat(cells.subList(1, 5)).as(ics).containsExactly(deadlines.get("running").asText(),
                    deadlines.get("dueWithin24Hours").asText(), deadlines.get("overdue").asText(),
                    deadlines.get("breached").asText());
        }
        assertThat(driver.findElement(By.id("mh-pathway-deadlines-link")).isDisplayed()).isTrue();
        assertNoBrowserErrors();
        screenshotAtHeight("dashboard-cockpit", 1250);
        driver.findElement(By.id("mh-pathway-indicators-link")).click();
        wait.until(urlContains("/dashboards/indicators/"));
        wait.until(d -> d.findElements(By.cssSelector(".card[data-indicator]")).size() == 12);
    }

    // ---- the pathway page: finding a pathway, recording a death ----

    /**
     * A ward clinician opens <i>Find a pathway</i> from Tasklist's header: an id that opens nothing is refused on the
     * field; the pathway's own id opens it. The death is refused, with nothing recorded, until the confirm box is
     * ticked and then while its time is in the future (the service's answer shown on the field); recorded, the page
     * shows the pathway closed after the death and offers the form no more.
     */
    @Test
    void aWardClinicianFindsAPathwayAndRecordsADeathOnceConfirmedWithATimeThatHasPassed() throws Exception {
        String id = register.openPathwayOf(ADMITTED_NHS_NUMBER).orElseThrow();
        logInToTasklist("clinician");
        wait.until(elementToBeClickable(By.id("mh-pathway-find"))).click();
        wait.until(urlContains("/dashboards/pathway/"));
        WebElement find = wait.until(visibilityOfElementLocated(By.id("find-id")));
        assertThat(driver.findElement(By.id("nav-pathway")).getDomAttribute("aria-current")).isEqualTo("page");
        find.sendKeys("MHP-0000-0000");
        driver.findElement(By.id("find-open")).click();
        assertThat(textOf("find-id-error")).isEqualTo("No pathway has the id MHP-0000-0000, or it is not one you"
                + " may read. Check the id and try again.");
        assertThat(find.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.getCurrentUrl()).doesNotContain("?id=");

        find.clear();
        find.sendKeys(id.toLowerCase(Locale.ROOT));
        driver.findElement(By.id("find-open")).click();
        wait.until(urlContains("/dashboards/pathway/?id=" + id));
        assertThat(wait.until(visibilityOfElementLocated(By.id("person-name"))).getText()).isEqualTo("Priya Sharma");
        WebElement form = wait.until(visibilityOfElementLocated(By.id("death-form")));
        assertThat(form.findElement(By.cssSelector("label[for=death-diedAt]")).getText())
                .isEqualTo("Date and time of death");
        assertThat(driver.findElement(By.id("find")).isDisplayed()).isFalse();

        // not confirmed: nothing is sent
        ZonedDateTime future = ZonedDateTime.now(LONDON).plusDays(1).truncatedTo(ChronoUnit.MINUTES);
        typeDateTime("death-diedAt", future);
        driver.findElement(By.id("death-placeOfDeath")).sendKeys("On the ward");
        driver.findElement(By.id("death-submit")).click();
        assertThat(textOf("death-confirm-error"))
                .isEqualTo("Confirm that this person has died before recording the death.");
        assertThat(driver.findElement(By.id("death-confirm")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertStillOpen(id);

        // confirmed, but a time still to come: the service refuses it on its field
        driver.findElement(By.id("death-confirm")).click();
        driver.findElement(By.id("death-submit")).click();
        assertThat(textOf("death-diedAt-error")).isEqualTo("Date and time of death is in the future");
        assertThat(driver.findElement(By.id("death-confirm-error")).getText()).isEmpty();
        assertThat(driver.findElement(By.id("death-diedAt")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertStillOpen(id);
        assertNothingUnresolved();
        screenshotOfThePage("dashboard-pathway-death-refused");

        // an hour ago, UK time
        ZonedDateTime died = ZonedDateTime.now(LONDON).minusHours(1).truncatedTo(ChronoUnit.MINUTES);
        typeDateTime("death-diedAt", died);
        driver.findElement(By.id("death-notes")).sendKeys("Found unresponsive at the morning check.");
        driver.findElement(By.id("death-submit")).click();
        wait.until(d -> facts().getOrDefault("Where they are", "").equals("Closed: the person died"));
        assertThat(told()).startsWith("The death is recorded and the pathway is closed.");
        assertThat(driver.findElement(By.id("death")).isDisplayed()).as("no second death").isFalse();
        assertThat(driver.findElement(By.xpath("//section[h2='Dates']//tr[td[1]='Died']/td[2]")).getText()
                .replace("Sept", "Sep")).isEqualTo(SHOWN.format(died));
        JsonNode pathway = api("clinician", "/api/pathways/" + id);
        assertThat(pathway.get("stage").asText()).isEqualTo("closed-after-death");
        assertThat(pathway.at("/dates/diedAt").asText()).isEqualTo(died.toInstant().toString());
        assertNothingUnresolved();
        assertNoBrowserErrors(404, 400);
        screenshotOfThePage("dashboard-pathway-death-recorded");
    }

    // ---- who each page is not for ----

    /**
     * Each page is for its groups only, and says so with a way to Tasklist: a clinician opens none of the three, the
     * hub not the managers' pages; the API behind them refuses the same; a browser not logged in is told to log in.
     */
    @Test
    void aPageIsRefusedToTheGroupsItIsNotForAndToABrowserNotLoggedIn() throws Exception {
        driver.get(url("/dashboards/indicators/"));
        assertThat(told()).startsWith("You are not logged in.");

        logInToTasklist("clinician");
        wait.until(visibilityOfElementLocated(By.id("mh-pathway-find")));
        assertThat(driver.findElements(By.cssSelector("a.mh-pathway-dashboard"))).extracting(WebElement::getText)
                .as("of the dashboards, only the pathway page for clinicians").containsExactly("Find a pathway");
        for (String page : List.of("indicators", "deadlines", "discharge-hub")) {
            driver.get(url("/dashboards/" + page + "/"));
            assertThat(told()).as(page).startsWith("This page is for").endsWith("Your work is in Tasklist.");
            assertThat(driver.findElement(By.cssSelector("#status a")).getDomAttribute("href"))
                    .isEqualTo("/camunda/app/tasklist/default/");
            assertThat(driver.findElements(By.cssSelector(".card, #board tbody tr, #deadlines tbody tr"))).isEmpty();
        }
        assertThat(status("clinician", "/api/indicators/deadlines/patients?ics=QJ2")).isEqualTo(403);

        logInToTasklist("hub");
        for (String page : List.of("indicators", "deadlines")) {
            driver.get(url("/dashboards/" + page + "/"));
            assertThat(told()).as(page).isEqualTo("This page is for managers. Your work is in Tasklist.");
        }
        assertThat(status("hub", "/api/indicators/delayedDischarges/patients?ics=QJ2")).isEqualTo(403);
        assertNoBrowserErrors();
    }

    // ---- the browser's side ----

    private void logInToTasklist(String user) {
        logOut();
        openLoginPage("/camunda/app/tasklist/default/");
        logInOnThisPage(user);
        wait.until(visibilityOfElementLocated(By.cssSelector(".task-filter.active .counter")));
    }

    /**
     * Opens a Camunda app at its login form. On a busy machine the first page of a freshly started application can
     * outlast the app's own module loader (RequireJS's load timeout), leaving a blank page: it is loaded again then.
     */
    private void openLoginPage(String path) {
        driver.get(url(path));
        for (int attempt = 1; ; attempt++) {
            try {
                new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(250))
                        .until(visibilityOfElementLocated(By.cssSelector("input[ng-model=username]")));
                return;
            } catch (org.openqa.selenium.TimeoutException notThere) {
                if (attempt == 3) {
                    throw notThere;
                }
                driver.navigate().refresh();
            }
        }
    }

    private void logOut() {
        driver.get("about:blank");
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** Camunda's login form of whichever app is open; each demo user's password is their user id. */
    private void logInOnThisPage(String user) {
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
            } catch (StaleElementReferenceException redrawn) {
                return false;
            }
        });
        driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** Chooses the ICS on the indicators page and waits for its twelve indicators. */
    private void showIcs(String ics) {
        new Select(wait.until(visibilityOfElementLocated(By.id("ics")))).selectByValue(ics);
        driver.findElement(By.id("show")).click();
        cardsCounted();
    }

    /** Waits for the indicators page's twelve indicators, counted. */
    private void cardsCounted() {
        wait.until(d -> {
            List<WebElement> cards = d.findElements(By.cssSelector(".card[data-indicator]"));
            return cards.size() == 12 && d.findElement(By.id("status")).getText().isEmpty();
        });
    }

    private WebElement card(String indicator) {
        return driver.findElement(By.cssSelector(".card[data-indicator='" + indicator + "']"));
    }

    private String tile(String id) {
        List<WebElement> tiles = driver.findElements(By.cssSelector("#tile-" + id + " .value"));
        return tiles.isEmpty() ? "" : tiles.get(0).getText();
    }

    /** The rows of a table, each cell by its column's key; read in one go, as a page may redraw it. */
    private List<Map<String, String>> rowsOf(String table) {
        @SuppressWarnings("unchecked")
        List<Map<String, String>> rows = (List<Map<String, String>>) driver.executeScript(
                "return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'))"
                        + ".filter(tr => tr.querySelector('td[data-key]'))"
                        + ".map(tr => Object.fromEntries(Array.from(tr.querySelectorAll('td[data-key]'))"
                        + ".map(td => [td.dataset.key, td.innerText.trim()])));", table);
        return rows;
    }

    private List<String> dueOrder(String table) {
        @SuppressWarnings("unchecked")
        List<String> order = (List<String>) driver.executeScript(
                "const rows = Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'));"
                        + "return rows.map(tr => tr.querySelector('td[data-key=due]')).filter(Boolean)"
                        + ".map(td => td.innerText.trim());", table);
        // the page shows UK times like "9 Dec 2026, 14:00": compare them as instants
        java.time.format.DateTimeFormatter shown = java.time.format.DateTimeFormatter
                .ofPattern("d MMM yyyy, HH:mm", java.util.Locale.UK);
        List<String> instants = new ArrayList<>();
        for (String text : order) {
            instants.add(java.time.LocalDateTime.parse(text.replace("Sept", "Sep"), shown).atZone(LONDON)
                    .toInstant().toString());
        }
        return instants;
    }

    private List<Long> days() {
        return rowsOf("board").stream().map(r -> r.get("days")).filter(d -> d.matches("\\d+")).map(Long::valueOf)
                .toList();
    }

    private String told() {
        return wait.until(d -> {
            String text = d.findElement(By.id("status")).getText();
            return text.isEmpty() || text.startsWith("Checking") ? null : text;
        });
    }

    /** The text of an element, once it has some. */
    private String textOf(String id) {
        return wait.until(d -> {
            String text = d.findElement(By.id(id)).getText();
            return text.isEmpty() ? null : text;
        });
    }

    /** The pathway page's facts about the person, each by its term. */
    private Map<String, String> facts() {
        @SuppressWarnings("unchecked")
        Map<String, String> facts = (Map<String, String>) driver.executeScript(
                "return Object.fromEntries(Array.from(document.querySelectorAll('#person dl.facts dt'))"
                        + ".map(dt => [dt.innerText.trim(), dt.nextElementSibling.innerText.trim()]));");
        return facts;
    }

    /**
     * A date and time in a datetime-local field, as its picker would leave it (the keys a picker takes depend on the
     * browser's locale).
     */
    private void typeDateTime(String id, ZonedDateTime at) {
        driver.executeScript("const input = document.getElementById(arguments[0]); input.value = arguments[1];"
                + " input.dispatchEvent(new Event('input', {bubbles: true}));"
                + " input.dispatchEvent(new Event('change', {bubbles: true}));", id, DATETIME_LOCAL.format(at));
    }

    /** Nothing was recorded: the API still has the pathway in Key Stage 1, with no death. */
    private void assertStillOpen(String id) throws Exception {
        JsonNode pathway = api("clinician", "/api/pathways/" + id);
        assertThat(pathway.get("stage").asText()).isEqualTo("key-stage-1");
        assertThat(pathway.at("/dates/diedAt").isNull()).as("no death recorded").isTrue();
    }

    /** Nothing on the page shows a placeholder left unfilled. */
    private void assertNothingUnresolved() {
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("${")
                .doesNotContainPattern("\\b(undefined|NaN|null)\\b").doesNotContain("[object");
    }

    /**
     * No script of the dashboards failed, no call of theirs to the API failed, and the page's content security policy
     * refused nothing. (A page not for the user is answered 403 by the API, as it should be.)
     */
    private void assertNoBrowserErrors(int... expectedStatuses) {
        List<LogEntry> severe = driver.manage().logs().get("browser").getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .filter(e -> e.getMessage().contains("/dashboards/") || e.getMessage().contains("echarts")
                        || e.getMessage().contains("mh-pathway") || e.getMessage().contains("Refused to")
                        || e.getMessage().contains("/api/"))
                .filter(e -> !e.getMessage().contains("the server responded with a status of 403"))
                // the refusals a test provokes on purpose
                .filter(e -> java.util.Arrays.stream(expectedStatuses).noneMatch(status -> e.getMessage()
                        .contains("the server responded with a status of " + status)))
                // Camunda's own "who is logged in" answers 404 to a browser not logged in, on its login page too
                .filter(e -> !e.getMessage().contains("/camunda/api/admin/auth/user/default"))
                .toList();
        assertThat(severe).as("the browser's console").isEmpty();
    }

    /** The whole page, however long, from its top, for the README. */
    private void screenshotOfThePage(String name) throws IOException {
        Number height = (Number) driver.executeScript("window.scrollTo(0, 0);"
                + " return document.documentElement.scrollHeight");
        screenshotAtHeight(name, Math.min(4000, Math.max(900, height.intValue() + 160)));
    }

    /** The page in a window this tall (Cockpit scrolls inside its own frame, so its page is as tall as the window). */
    private void screenshotAtHeight(String name, int height) throws IOException {
        driver.manage().window().setSize(new Dimension(1400, height));
        try {
            screenshot(name);
        } finally {
            driver.manage().window().setSize(new Dimension(1400, 900));
        }
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    // ---- the API's side ----

    private JsonNode api(String user, String path) throws Exception {
        HttpResponse<String> response = http.send(request(user, path).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private int status(String user, String path) throws Exception {
        return http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void post(String user, String path, Map<String, String> body) throws Exception {
        HttpResponse<String> response = http.send(request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(201);
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    /** The cell of an ICS for every ward and the whole period. */
    private static JsonNode periodCell(JsonNode report, String ics) {
        return periodCell(report, ics, null);
    }

    /** The cell of an ICS for one ward (null: every ward) and the whole period. */
    private static JsonNode periodCell(JsonNode report, String ics, String ward) {
        for (JsonNode cell : report.get("results")) {
            if (ics.equals(cell.get("ics").asText()) && java.util.Objects.equals(ward, cell.get("ward").asText(null))
                    && cell.get("month").isNull()) {
                return cell;
            }
        }
        throw new AssertionError("no cell of " + ics + " " + ward);
    }

    /** This month on the UK calendar ({@code back} 0), or a month before it, as "2026-03". */
    private static String monthsBack(int back) {
        return YearMonth.now(LONDON).minusMonths(back).toString();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
