package com.oxidly.ui.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium for end-to-end tests, with the few moves they make on Vaadin views: sign
 * in, open a route, type into a field and click a button by the id the view gives them, and wait —
 * always for a condition, never for a fixed time. './oxidly test' installs chromium and
 * chromium-driver; screenshots land in target/screenshots for reviewers, and a wait that times out
 * leaves one named {@code failed-...} next to them.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target/screenshots");

  /** How long any one condition may take; a cold view's first request is the slowest. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  /**
   * Whether every Vaadin client on the page is idle: no request in flight or queued. True before
   * Vaadin has started would be wrong, so false until its client exists.
   */
  private static final String VAADIN_IDLE =
      """
      const clients = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;
      if (!clients || Object.keys(clients).length === 0) return false;
      return Object.values(clients).every(c => !c.isActive || !c.isActive());\
      """;

  /**
   * The first shown element with this tag whose text is exactly the given one, searched through
   * open shadow roots too (menus and overlays render where a plain query does not look).
   */
  private static final String DEEP_FIND =
      """
      const [tag, text] = arguments;
      const roots = [document];
      while (roots.length) {
        for (const element of roots.pop().querySelectorAll('*')) {
          if (element.localName === tag && element.getClientRects().length > 0
              && (element.innerText || element.textContent).trim() === text) {
            return element;
          }
          if (element.shadowRoot) roots.push(element.shadowRoot);
        }
      }
      return null;\
      """;

  final WebDriver driver;
  private final String base;

  Browser(int port) {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Debian chromium and chromium-driver are not installed");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=en-US",
        "--window-size=1440,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    base = "http://127.0.0.1:" + port;
  }

  /** Loads a route of the application afresh, e.g. {@code /customers}. */
  void open(String path) {
    driver.get(base + path);
  }

  /** The route shown now, without host and query, e.g. {@code /journeys/12}. */
  String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  /** Waits for the sign-in form the application sends a stranger to; returns its user field. */
  WebElement loginForm() {
    return waitUntil(
        "the sign-in form", d -> d.findElement(By.cssSelector("input[name='username']")));
  }

  /** Signs in on the form and waits until the application has let the user through. */
  void signIn(String user, String password) {
    loginForm().sendKeys(user);
    driver.findElement(By.cssSelector("input[name='password']")).sendKeys(password, Keys.ENTER);
    waitUntil("signing in as " + user, d -> !path().startsWith("/login") && idle());
  }

  /**
   * Waits until {@code condition} gives a value that is neither null nor false, and returns it. A
   * missing or replaced element counts as "not yet". On timeout it saves a screenshot and fails
   * with what was awaited and what the page said.
   */
  <T> T waitUntil(String what, Function<WebDriver, T> condition) {
    WebDriverWait wait = new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100));
    wait.ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class);
    try {
      return wait.until(condition);
    } catch (TimeoutException e) {
      screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
      throw new AssertionError(
          "Waited " + PATIENCE.toSeconds() + " s for " + what + "; the page said:\n" + pageText(),
          e);
    }
  }

  /** Waits until the Vaadin client has no request in flight, i.e. the server has answered. */
  void settle() {
    waitUntil("the server to answer", d -> idle());
  }

  private boolean idle() {
    return Boolean.TRUE.equals(js(VAADIN_IDLE));
  }

  /** The element with this id, once it is shown. */
  WebElement byId(String id) {
    return waitUntil("#" + id, d -> shown(d.findElement(By.id(id))));
  }

  /**
   * Types {@code text} into the field with this id (a text field, text area, combo box...),
   * replacing what it held, and leaves it with Tab so the field commits its value to the server.
   */
  void type(String id, String text) {
    WebElement input =
        waitUntil(
            "the input of #" + id,
            d -> shown(d.findElement(By.cssSelector("#" + id + " input, #" + id + " textarea"))));
    replace(input, text, Keys.TAB);
  }

  /** Replaces what an input holds with {@code text}, then presses {@code after}. */
  void replace(WebElement input, String text, Keys after) {
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    input.sendKeys(text, after);
    settle();
  }

  /** Clicks the element with this id once it is shown and enabled, and waits for the answer. */
  void click(String id) {
    WebElement enabled =
        waitUntil(
            "#" + id + " to be enabled",
            d -> {
              WebElement element = shown(d.findElement(By.id(id)));
              return element != null && element.getDomAttribute("disabled") == null
                  ? element
                  : null;
            });
    click(enabled);
  }

  /** Clicks an element (scrolled to the middle of the view first) and waits for the answer. */
  void click(WebElement element) {
    js("arguments[0].scrollIntoView({block: 'center'})", element);
    try {
      element.click();
    } catch (ElementClickInterceptedException covered) {
      // A tooltip or a sticky header over it: the element itself takes the click just the same.
      js("arguments[0].click()", element);
    }
    settle();
  }

  /**
   * The shown element with this tag and exactly this text, also inside shadow roots; for menu items
   * and other overlay content that has no id of its own.
   */
  WebElement find(String tag, String text) {
    return waitUntil(
        "a <" + tag + "> saying '" + text + "'", d -> (WebElement) js(DEEP_FIND, tag, text));
  }

  /** What the element with this id shows, or "" while there is no such element. */
  String text(String id) {
    Object text =
        js("const e = document.getElementById(arguments[0]); return e ? e.innerText : '';", id);
    return text == null ? "" : text.toString().strip();
  }

  /**
   * The texts of the shown elements matching a CSS selector, in document order; as rendered, so
   * hidden parts such as a button's tooltip do not count.
   */
  @SuppressWarnings("unchecked")
  List<String> texts(String css) {
    return (List<String>)
        js(
            "return Array.from(document.querySelectorAll(arguments[0]))"
                + ".filter(e => e.getClientRects().length > 0)"
                + ".map(e => (e.innerText || e.textContent).trim());",
            css);
  }

  /** Text of the page including grid cells, which Vaadin renders into light-DOM slots. */
  String pageText() {
    Object text = js("return document.body ? document.body.innerText : ''");
    return text == null ? "" : text.toString();
  }

  Object js(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static WebElement shown(WebElement element) {
    return element.isDisplayed() ? element : null;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
