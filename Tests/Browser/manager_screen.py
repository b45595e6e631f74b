#!/usr/bin/env python3
"""The manager's screen in a real browser (Debian's chromium + chromium-driver, Selenium
from PyPI, headless), against a running callsheetd the Swift test started and seeded.

  manager_screen.py --base http://127.0.0.1:PORT --password P --out DIR

Managers anna and bart must exist with password P, each with calls due now, and the
config's lease must be one minute (the lease warning shows at once). Each check prints
"ok: …"; the first failure raises and the script exits 1. Screenshots go to DIR.
"""
import argparse
import json
import os
import urllib.request
import re
import sys
import time

os.environ.setdefault("SE_OFFLINE", "true")
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

options = None


def browser(width=1280, height=900, language="en-GB", phone=False):
    opts = webdriver.ChromeOptions()
    if phone:
        # Headless Chromium's windows are at least 500 px wide: a phone is emulated.
        opts.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2}})
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}", f"--lang={language}"]:
        opts.add_argument(argument)
    opts.add_experimental_option("prefs", {"intl.accept_languages": language})
    opts.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    driver.set_page_load_timeout(30)
    return driver


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok:", what.split("\n")[0], flush=True)


def wait_for(driver, predicate, what, seconds=30):
    # A live page replaces its figures while the predicate reads them: an element found a
    # moment ago may be gone (stale) or not there yet — the wait asks again.
    try:
        WebDriverWait(driver, seconds, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(lambda d: predicate(d))
    except Exception:
        raise AssertionError(f"{what} (page {driver.current_url}: {driver.find_element(By.TAG_NAME, 'body').text[:600]!r})")
    print("ok:", what, flush=True)


def sign_in_as(driver, base, login, password, lands):
    driver.get(base + "/login")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password + Keys.ENTER)
    wait_for(driver, lambda d: d.current_url.endswith(lands), f"{login} signs in and lands on {lands}")


def sign_in(driver, base, login, password):
    sign_in_as(driver, base, login, password, lands="/call")


def press(driver, key):
    driver.find_element(By.TAG_NAME, "body").send_keys(key)


def task_id(driver):
    match = re.search(r"/call/(\d+)$", driver.current_url)
    return int(match.group(1)) if match else None


def take_next(driver, label):
    press(driver, "n")
    wait_for(driver, lambda d: task_id(d) is not None, f"{label}: N opens the next call")
    return task_id(driver), driver.find_element(By.ID, "client-name").get_attribute("data-client-id")


def outcome_key(driver, name):
    for button in driver.find_elements(By.CSS_SELECTOR, "button[data-key]"):
        if button.get_attribute("value") == name:
            return button.get_attribute("data-key")
    for details in driver.find_elements(By.CSS_SELECTOR, "details[data-key]"):
        if details.get_attribute("data-outcome") == name:
            return details.get_attribute("data-key")
    raise AssertionError(f"no key for outcome {name} on {driver.current_url}")


LUMINANCE_SCRIPT = """
function rgb(text) { var m = text.match(/rgba?\\(([^)]+)\\)/); if (!m) return null; var p = m[1].split(',').map(parseFloat); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; }
function background(el) { while (el) { var c = rgb(getComputedStyle(el).backgroundColor); if (c && c.a > 0.5) return c; el = el.parentElement; } return {r: 255, g: 255, b: 255, a: 1}; }
function lum(c) { return [c.r, c.g, c.b].map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }).reduce(function (s, v, i) { return s + v * [0.2126, 0.7152, 0.0722][i]; }, 0); }
var worst = [];
document.querySelectorAll('h1, h2, p, a, button, label, td, th, dt, dd, summary, li, span').forEach(function (el) {
  if (!el.offsetParent || !el.textContent.trim()) return;
  var fg = rgb(getComputedStyle(el).color), bg = background(el);
  var a = lum(fg), b = lum(bg), ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < 4.5) worst.push(el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
});
return worst;
"""

LABEL_SCRIPT = """
var missing = [];
document.querySelectorAll('input, select, textarea').forEach(function (el) {
  if (el.type === 'hidden') return;
  var labelled = (el.id && document.querySelector('label[for="' + el.id + '"]')) || el.closest('label') || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
  if (!labelled) missing.push(el.outerHTML.slice(0, 80));
});
return missing;
"""


def accessible(driver, page):
    missing = driver.execute_script(LABEL_SCRIPT)
    check(not missing, f"{page}: every form field has a label {missing}")
    check(len(driver.find_elements(By.TAG_NAME, "h1")) == 1, f"{page}: one h1")
    low = driver.execute_script(LUMINANCE_SCRIPT)
    check(not low, f"{page}: text contrast at least 4.5:1 {low}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--admin-token", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    base, password = args.base.rstrip("/"), args.password

    anna = browser()
    bart = browser()
    russian = browser(language="ru-RU")
    phone = browser(width=360, height=780, phone=True)
    try:
        anna.get(base + "/call")
        wait_for(anna, lambda d: "/login" in d.current_url, "not signed in: the call page sends to the sign-in page")
        accessible(anna, "sign-in page")
        anna.find_element(By.ID, "login").send_keys("anna")
        anna.find_element(By.ID, "password").send_keys("wrong password" + Keys.ENTER)
        wait_for(anna, lambda d: "Wrong login or password" in d.page_source, "a wrong password is said plainly")
        sign_in(anna, base, "anna", password)
        accessible(anna, "call page")

        # Next → recorded in two keys: N, then the outcome's digit.
        first, client = take_next(anna, "anna")
        accessible(anna, "call sheet")
        check(anna.find_elements(By.CSS_SELECTOR, "a[href^='tel:+']"), "every phone is a tel: link")
        check(anna.find_element(By.CSS_SELECTOR, ".script").text.strip() != "", "the step's script is shown")
        wait_for(anna, lambda d: d.find_element(By.ID, "lease-warning").is_displayed(), "the lease warning shows (one-minute lease)")
        anna.save_screenshot(os.path.join(args.out, "call-sheet-1280.png"))
        press(anna, outcome_key(anna, "agreed"))
        wait_for(anna, lambda d: d.current_url.endswith("/call") or "/call?" in d.current_url, "the outcome's key records it")
        recorded = anna.find_element(By.ID, "recorded").text
        check("agreed" in recorded and "invoice" in recorded, f"recording shows what happens next: {recorded!r}")
        check(anna.switch_to.active_element.get_attribute("id") == "next-call", "the next call is offered at once (focused)")

        # Call-back: tomorrow 10:00, then found on the agenda.
        second, second_client = take_next(anna, "anna")
        check(second != first, "the next call is another task")
        key = outcome_key(anna, "callback")
        press(anna, key)
        details = anna.find_element(By.CSS_SELECTOR, f"details[data-key='{key}']")
        check(details.get_attribute("open") is not None, "the call-back's key opens its form")
        tomorrow = details.find_elements(By.CSS_SELECTOR, "input[name=quick]")[1]
        day = tomorrow.get_attribute("value")[:10]
        tomorrow.click()
        check(details.find_element(By.CSS_SELECTOR, "input[name=for][value=me]").is_selected(), "a call-back is mine alone unless I choose my team")
        details.find_element(By.CSS_SELECTOR, "input[name=for][value=team]").click()
        details.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for(anna, lambda d: "recorded=" in d.current_url, "the call-back is recorded")
        anna.get(f"{base}/agenda?date={day}")
        accessible(anna, "agenda")
        check(anna.find_elements(By.CSS_SELECTOR, f"#my_callbacks a[href='/clients/{second_client}']"), f"the call-back is on the agenda of {day}, under my call-backs")
        anna.save_screenshot(os.path.join(args.out, "agenda-1280.png"))

        # Do-not-call, with a confirmation; the client never comes back.
        anna.get(base + "/call")
        third, banned = take_next(anna, "anna")
        anna.find_element(By.CSS_SELECTOR, "details.danger summary").click()
        anna.find_element(By.ID, "dnc-confirm").click()
        wait_for(anna, lambda d: "recorded=" in d.current_url, "do-not-call is recorded after the confirmation")
        seen = []
        for _ in range(4):
            task, name = take_next(anna, "anna")
            seen.append(name)
            press(anna, outcome_key(anna, "no-answer"))
            wait_for(anna, lambda d: "recorded=" in d.current_url, "no-answer recorded")
        check(banned not in seen, f"the do-not-call client never comes back ({banned!r} not in {seen})")

        # Another manager's task is not theirs to open.
        sign_in(bart, base, "bart", password)
        held, _ = take_next(anna, "anna")
        bart.get(f"{base}/call/{held}")
        wait_for(bart, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Not yours", "bart opening anna's task gets the 403 page")

        # Release with a reason: the call goes back, the reason into the client's history.
        anna.find_element(By.CSS_SELECTOR, "details.release summary").click()
        anna.find_element(By.ID, "release-reason").send_keys("line busy, try later")
        anna.find_element(By.ID, "release-confirm").click()
        wait_for(anna, lambda d: "released=1" in d.current_url, "anna gives the call back with a reason")

        # A double click or a resent form records once (the form's request id).
        called = lambda d: int(d.find_element(By.CSS_SELECTOR, ".counts li strong").text)
        before = called(anna)
        twice, _ = take_next(anna, "anna")
        statuses = anna.execute_async_script(
            "var done = arguments[arguments.length - 1], form = document.getElementById('outcome-form');"
            "var body = new URLSearchParams(new FormData(form)); body.set('outcome', arguments[0]);"
            "Promise.all([1, 2].map(function () { return fetch(form.action, {method: 'POST', body: body}).then(function (r) { return r.status; }); })).then(done);",
            "no-answer")
        check(statuses == [200, 200], f"the same outcome form sent twice at once is answered twice ({statuses})")
        anna.get(base + "/call")
        check(called(anna) == before + 1, f"…and recorded once (called today {before} → {called(anna)})")
        held, _ = take_next(anna, "anna")

        # Two managers in two browsers never get the same client.
        bart.get(base + "/call")
        anna_clients, bart_clients = set(), set()
        for _ in range(3):
            _, name = take_next(bart, "bart")
            bart_clients.add(name)
            press(bart, outcome_key(bart, "no-answer"))
            wait_for(bart, lambda d: "recorded=" in d.current_url, "bart's no-answer recorded")
            press(anna, outcome_key(anna, "no-answer"))
            wait_for(anna, lambda d: "recorded=" in d.current_url, "anna's no-answer recorded")
            _, name = take_next(anna, "anna")
            anna_clients.add(name)
        check(not (anna_clients & bart_clients), f"no client went to both ({anna_clients & bart_clients})")

        # Live: an administrator moves bart's list to anna; her open agenda shows it without a reload.
        anna.get(base + "/agenda")
        before = anna.find_element(By.CSS_SELECTOR, "#agenda .counts").text
        anna.execute_script("window.__notReloaded = true;")
        time.sleep(1)  # the page's event stream is open
        request = urllib.request.Request(
            base + "/api/v1/reassignments", data=json.dumps({"from": "bart", "to": "anna", "campaign": "seminar"}).encode(),
            headers={"Authorization": "Bearer " + args.admin_token, "Content-Type": "application/json"}, method="POST")
        moved = json.load(urllib.request.urlopen(request, timeout=10))["moved"]
        check(moved > 0, f"the administrator moved {moved} cases from bart to anna")
        wait_for(anna, lambda d: d.find_element(By.CSS_SELECTOR, "#agenda .counts").text != before, "anna's agenda updates by itself", seconds=60)
        check(anna.execute_script("return window.__notReloaded === true;"), "without a reload")

        # Russian, by the browser's language.
        russian.get(base + "/login")
        wait_for(russian, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Вход", "the sign-in page in Russian")
        sign_in(russian, base, "bart", password)
        check("Следующий звонок" in russian.page_source and "Звонок" in russian.find_element(By.TAG_NAME, "nav").text, "the call page in Russian")
        accessible(russian, "Russian call page")
        russian.save_screenshot(os.path.join(args.out, "call-ru-1280.png"))
        # A language chosen on the page stays with the account: bart signs in elsewhere.
        Select(russian.find_element(By.ID, "language-choice")).select_by_value("pl")
        wait_for(russian, lambda d: "Rozmowa" in d.find_element(By.TAG_NAME, "nav").text, "choosing Polish applies at once")
        sign_in(bart, base, "bart", password)
        check("Następna rozmowa" in bart.page_source, "bart's next sign-in, in an English browser, is in Polish")

        # A phone, 360 px wide.
        sign_in(phone, base, "anna", password)
        press(phone, "n")
        wait_for(phone, lambda d: task_id(d) is not None, "the call on a phone")
        phone.save_screenshot(os.path.join(args.out, "call-sheet-360.png"))
        width = phone.execute_script("return document.documentElement.scrollWidth")
        wide = phone.execute_script(
            "return Array.from(document.querySelectorAll('body *')).filter(function (e) { var r = e.getBoundingClientRect(); return r.right > 361; })"
            ".slice(0, 5).map(function (e) { return e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right); });")
        check(width <= 360, f"nothing wider than the phone's 360 px (page is {width} px: {wide})")
    finally:
        quit_all(anna, bart, russian, phone)


def quit_all(*drivers):
    for driver in drivers:
        try:
            driver.quit()
        except Exception:
            pass


def run(checks):
    """Runs `checks`: the first failed check prints FAILED and exits 1."""
    try:
        checks()
    except AssertionError as failure:
        print("FAILED:", failure, flush=True)
        sys.exit(1)
    print("all checks passed", flush=True)


if __name__ == "__main__":
    run(main)
