package dev.edgepass.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.examples.demo.DemoOptions.LoginFlow;
import dev.edgepass.examples.demo.DemoOptions.LoginVia;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo in a real browser: headless Chromium or Chrome driven by chromedriver, both found where
 * they are installed ({@link ChromeInstall}; nothing is downloaded), against the demo started
 * in-process on free loopback ports.
 *
 * <p>Run by Failsafe in {@code mvn verify}. Without a browser it is skipped with one line on how to
 * install one; {@code -Dedgepass.requireBrowser=true} (CI) makes that a failure.
 */
class DemoBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PRIVATE_TEXT = "Only signed-in users see this page.";
    private static ChromeInstall.Lookup installed;
    private ChromeInstall.Found chrome;

    @TempDir
    Path profiles;

    @BeforeAll
    static void findChrome() {
        installed = ChromeInstall.lookup();
    }

    @BeforeEach
    void useChrome() {
        chrome = ChromeInstall.foundOrSkip(installed);
        // With the driver given explicitly, Selenium Manager has nothing to look up or download.
        System.setProperty("webdriver.chrome.driver", chrome.driver().toString());
    }

    static Stream<Arguments> routingsAndFlows() {
        return Stream.of(
                Arguments.of(LoginVia.ORIGIN, LoginFlow.CODE),
                Arguments.of(LoginVia.EDGE, LoginFlow.CODE),
                Arguments.of(LoginVia.ORIGIN, LoginFlow.IMPLICIT),
                Arguments.of(LoginVia.EDGE, LoginFlow.IMPLICIT));
    }

    @ParameterizedTest(name = "login via {0}, {1} flow")
    @MethodSource("routingsAndFlows")
    void signIn_opensPrivatePage_tamperedSignatureAndSignOut_areRefused(LoginVia via, LoginFlow flow) throws Exception {
        try (Demo demo = Demo.start(DemoOptions.builder().loginVia(via).flow(flow).build())) {
            WebDriver browser = browser("signed-in-" + via + "-" + flow);
            try {
                // The public page finds no token and sends the browser to the hosted-UI login form.
                browser.get(demo.publicUrl().toString());
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signInFormUsername")));
                assertTrue(browser.getCurrentUrl().startsWith(demo.hostedUiUrl() + "/login?"), browser.getCurrentUrl());

                browser.findElement(By.id("signInFormUsername")).sendKeys(demo.user().username());
                browser.findElement(By.id("signInFormPassword")).sendKeys(demo.user().password());
                browser.findElement(By.name("signInSubmitButton")).click();

                // Cognito -> /private/login (cookies minted) -> 302 -> CloudFront lets the cookies through.
                wait.until(ExpectedConditions.urlToBe(demo.privateUrl().toString()));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("private-content"), PRIVATE_TEXT));
                screenshot(browser, "private-page-" + via.name().toLowerCase() + "-" + flow.name().toLowerCase() + ".png");

                Cookie signature = browser.manage().getCookieNamed("CloudFront-Signature");
                assertNotNull(signature, "CloudFront-Signature cookie");
                assertTrue(signature.isHttpOnly(), "the signed cookies are HttpOnly");
                assertNotNull(browser.manage().getCookieNamed("CloudFront-Policy"), "CloudFront-Policy cookie");
                assertNotNull(browser.manage().getCookieNamed("CloudFront-Key-Pair-Id"), "CloudFront-Key-Pair-Id cookie");
                assertEquals(200, status(demo.privateUrl(), browser), "the browser's cookies open the page over plain HTTP too");

                // One changed character in the signature: CloudFront answers 403, with the custom error page.
                replaceCookie(browser, signature, tamper(signature.getValue()));
                browser.get(demo.privateUrl().toString());
                assertSignInRequiredPage(browser);
                assertEquals(403, status(demo.privateUrl(), browser));

                // The original signature opens the page again, so the tampering was the only reason.
                replaceCookie(browser, signature, signature.getValue());
                browser.get(demo.privateUrl().toString());
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("private-content"), PRIVATE_TEXT));

                // Sign out: cookies cleared, Cognito /logout, back on the public page; the app is closed again.
                browser.findElement(By.id("sign-out")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "You are signed out."));
                assertTrue(browser.getCurrentUrl().startsWith(demo.publicUrl() + "index.html?signed-out"),
                        browser.getCurrentUrl());
                assertEquals(Set.of(), cloudFrontCookieNames(browser));
                browser.get(demo.privateUrl().toString());
                assertSignInRequiredPage(browser);
                assertEquals(403, status(demo.privateUrl(), browser));
                screenshot(browser, "sign-in-required-" + via.name().toLowerCase() + "-" + flow.name().toLowerCase() + ".png");

                // The page's link starts a new sign-in at the hosted UI.
                browser.findElement(By.id("sign-in-link")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signInFormUsername")));
                assertTrue(browser.getCurrentUrl().startsWith(demo.hostedUiUrl() + "/login?"), browser.getCurrentUrl());
            } finally {
                browser.quit();
            }
        }
    }

    @ParameterizedTest(name = "login via {0}")
    @EnumSource(LoginVia.class)
    void freshBrowserWithoutCookies_isRefusedAtPrivatePage(LoginVia via) throws Exception {
        try (Demo demo = Demo.start(DemoOptions.builder().loginVia(via).build())) {
            WebDriver browser = browser("fresh-" + via);
            try {
                browser.get(demo.privateUrl().toString());
                assertSignInRequiredPage(browser);
                assertEquals(Set.of(), cloudFrontCookieNames(browser));
                assertEquals(403, status(demo.privateUrl(), browser));
            } finally {
                browser.quit();
            }
        }
    }

    private WebDriver browser(String profile) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chrome.browser().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                // Loopback only: any other host name fails to resolve.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
                "--user-data-dir=" + Files.createDirectories(profiles.resolve(profile)));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chrome.driver().toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Waits for the distribution's custom error page for 403: it says why and links to sign in. */
    private static void assertSignInRequiredPage(WebDriver browser) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("access-denied")));
        assertEquals("Sign-in required", browser.findElement(By.id("access-denied")).getText());
        String why = browser.findElement(By.id("why")).getText();
        assertTrue(why.contains("did not present valid signed cookies"), why);
        assertTrue(why.contains("you have not signed in yet, you have signed out, or your sign-in has expired"), why);
        assertEquals("Sign in", browser.findElement(By.id("sign-in-link")).getText());
        assertTrue(browser.findElements(By.id("private-content")).isEmpty(), "no private content on a refused page");
    }

    /** Requests {@code url} with the browser's cookies (HttpOnly included) and returns the status. */
    private static int status(URI url, WebDriver browser) throws IOException, InterruptedException {
        String cookies = browser.manage().getCookies().stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(WAIT);
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Set<String> cloudFrontCookieNames(WebDriver browser) {
        return browser.manage().getCookies().stream()
                .map(Cookie::getName)
                .filter(name -> name.startsWith("CloudFront-"))
                .collect(Collectors.toSet());
    }

    private static void replaceCookie(WebDriver browser, Cookie original, String value) {
        browser.manage().deleteCookieNamed(original.getName());
        // No domain: a host-only cookie, like the one the login endpoint set.
        browser.manage().addCookie(new Cookie.Builder(original.getName(), value)
                .path(original.getPath())
                .isHttpOnly(original.isHttpOnly())
                .isSecure(original.isSecure())
                .sameSite(original.getSameSite())
                .build());
    }

    private static String tamper(String value) {
        int i = value.length() / 2;
        char replacement = value.charAt(i) == 'A' ? 'B' : 'A';
        String tampered = value.substring(0, i) + replacement + value.substring(i + 1);
        assertNotEquals(value, tampered);
        return tampered;
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Path dir = Path.of(System.getProperty("edgepass.demo.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }
}
