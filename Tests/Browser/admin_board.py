#!/usr/bin/env python3
"""The administrator's board in a real browser (Debian's chromium + chromium-driver,
Selenium from PyPI, headless), against a running callsheetd the Swift test started and
seeded.

  admin_board.py --base http://127.0.0.1:PORT --password P --out DIR

Administrator ewa, viewer vera and managers anna and bart must exist with password P, a
wave of campaign `seminar` open this week with calls due now. Each check prints "ok: …";
the first failure raises and the script exits 1. Screenshots go to DIR.
"""
import argparse
import os
import sys
import time
import urllib.error
import urllib.request

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manager_screen import accessible, browser, check, outcome_key, quit_all, run, sign_in_as, take_next, wait_for  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402


def stage(driver, name):
    return int(driver.find_element(By.CSS_SELECTOR, f"#funnel-table tr[data-stage='{name}'] td").text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    base, password = args.base.rstrip("/"), args.password

    admin = browser()
    manager = browser()
    viewer = browser()
    try:
        # A manager cannot open the board.
        sign_in_as(manager, base, "anna", password, lands="/call")
        manager.get(base + "/board")
        wait_for(manager, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Not yours", "a manager opening the board gets the 403 page")

        # The administrator lands on the week's board.
        sign_in_as(admin, base, "ewa", password, lands="/board")
        accessible(admin, "board")
        check(admin.find_element(By.CSS_SELECTOR, "#funnel svg title").text != "", "the funnel chart has a text title")
        check(len(admin.find_elements(By.CSS_SELECTOR, "#funnel svg rect")) == len(admin.find_elements(By.CSS_SELECTOR, "#funnel-table tbody tr")),
              "a bar per stage, and the same figures in the table beside")
        check(admin.find_elements(By.CSS_SELECTOR, "#daily-table tbody tr"), "the daily tracking table has rows")
        check(admin.find_element(By.ID, "untouched-count").text.isdigit(), "the key questions are answered")
        admin.save_screenshot(os.path.join(args.out, "board-1280.png"))

        # A manager records an outcome in another browser: the funnel changes without a reload.
        called = stage(admin, "called")
        admin.execute_script("window.__notReloaded = true;")
        time.sleep(1)  # the page's event stream is open
        manager.get(base + "/call")
        take_next(manager, "anna")
        manager.find_element(By.TAG_NAME, "body").send_keys(outcome_key(manager, "agreed"))
        wait_for(manager, lambda d: "recorded=" in d.current_url, "anna records agreed")
        started = time.monotonic()
        wait_for(admin, lambda d: stage(d, "called") == called + 1, "the board's funnel counts the call by itself", seconds=10)
        elapsed = time.monotonic() - started
        print(f"figure: the funnel changed {elapsed:.2f} s after the outcome was recorded", flush=True)
        check(admin.execute_script("return window.__notReloaded === true;"), "without a reload")

        # Managers compared: the chart by a chosen measure, best and worst only where figures differ.
        admin.get(base + "/board/managers?by=calls")
        accessible(admin, "managers compared")
        rows = admin.find_elements(By.CSS_SELECTOR, "#managers-table tbody tr")
        check(rows[0].get_attribute("data-manager") == "anna" and "best" in rows[0].get_attribute("class"), "anna, who called, ranks first and is marked best")
        check(len(admin.find_elements(By.CSS_SELECTOR, "#managers svg rect")) == len(rows), "a bar per manager")
        admin.get(base + "/board/managers?by=won")
        check(not admin.find_elements(By.CSS_SELECTOR, "#managers-table tr.best, #managers-table tr.worst"), "nobody won yet: nobody is marked best or worst")
        admin.get(base + "/board/managers?by=calls")
        admin.save_screenshot(os.path.join(args.out, "managers-1280.png"))

        # The week as one workbook, downloaded with the administrator's session.
        admin.get(base + "/board")
        link = admin.find_element(By.ID, "workbook-download").get_attribute("href")
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in admin.get_cookies())
        try:
            data = urllib.request.urlopen(urllib.request.Request(link, headers={"Cookie": cookie}), timeout=30).read()
        except urllib.error.HTTPError as error:
            raise AssertionError(f"the workbook download ({link}) answered {error.code}: {error.read()[:400]!r}")
        path = os.path.join(args.out, "week.xlsx")
        with open(path, "wb") as file:
            file.write(data)
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            list(sheet.iter_rows(values_only=True))
        check("Totals" in book.sheetnames and len(book.sheetnames) >= 3, f"the workbook opens and every sheet reads: {book.sheetnames}")

        # Lists: open next week's wave after seeing its plan.
        year, week = (int(part) for part in admin.find_element(By.ID, "board-week").get_attribute("value").split("-W"))
        following = f"{year}-W{week + 1:02d}" if week < 52 else f"{year + 1}-W01"
        admin.get(f"{base}/board/lists?plan=1&campaign=seminar&week={following}")
        accessible(admin, "lists")
        check(admin.find_element(By.ID, "plan-assigned").text.isdigit(), f"the plan of {following} is shown before anything is opened")
        admin.save_screenshot(os.path.join(args.out, "lists-plan-1280.png"))
        admin.find_element(By.ID, "wave-confirm").click()
        wait_for(admin, lambda d: "Wave opened" in d.find_element(By.ID, "done").text, "the wave opens after the confirm")
        # A manager's list, a list moved, a number listed and checked.
        Select(admin.find_element(By.ID, "list-manager")).select_by_value("bart")
        admin.find_element(By.ID, "list-manager").submit()
        wait_for(admin, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#manager-list tbody tr")) > 0, "bart's list is shown")
        Select(admin.find_element(By.ID, "move-from")).select_by_value("bart")
        Select(admin.find_element(By.ID, "move-to")).select_by_value("anna")
        admin.find_element(By.ID, "move-confirm").click()
        wait_for(admin, lambda d: d.find_element(By.ID, "done").text.startswith("Moved"), "bart's cases move to anna")
        check(int(admin.find_element(By.ID, "done").text.split()[1].rstrip(":")) > 0, f"…and some did ({admin.find_element(By.ID, 'done').text})")
        admin.find_element(By.ID, "dnc-subject").send_keys("+48 600 123 456")
        admin.find_element(By.ID, "dnc-reason-board").send_keys("asked by letter")
        admin.find_element(By.ID, "dnc-subject").submit()
        wait_for(admin, lambda d: "Listed as do-not-call" in d.find_element(By.ID, "done").text, "a number is put on the do-not-call list")
        admin.find_element(By.ID, "dnc-check").send_keys("600123456" + Keys.ENTER)
        wait_for(admin, lambda d: "is on the do-not-call list" in d.find_element(By.ID, "dnc-checked").text, "…and the check finds it")

        # Import by upload: a CSV with three bad rows is refused whole, with their line numbers.
        bad = os.path.join(args.out, "clients-bad.csv")
        with open(bad, "w") as file:
            file.write("name,phone,email\n")
            for n in range(1, 11):
                phone = "not a phone" if n in (3, 6, 8) else f"+48 22 {n:03d} {n:04d}"
                file.write(f"Upload Client {n},{phone},upload{n}@example.com\n")
        admin.get(base + "/board/import")
        accessible(admin, "import")
        admin.find_element(By.ID, "import-file").send_keys(bad)
        admin.find_element(By.ID, "upload-start").click()
        wait_for(admin, lambda d: d.find_elements(By.ID, "import-failed"), "the CSV with bad rows is refused")
        problems = admin.find_element(By.ID, "import-problems").text
        check(all(f"line {line}:" in problems for line in (4, 7, 9)), f"the three bad rows are listed by line number: {problems!r}")
        # A good file goes up with a progress bar and is imported.
        good = os.path.join(args.out, "clients-good.csv")
        with open(good, "w") as file:
            file.write("name,phone,email\n")
            for n in range(1, 20001):
                file.write(f"Uploaded {n},+48 58 {n // 1000:03d} {n % 1000:04d},u{n}@example.com\n")
        admin.find_element(By.ID, "import-file").send_keys(good)
        admin.find_element(By.ID, "upload-start").click()
        wait_for(admin, lambda d: d.find_element(By.ID, "upload-progress").is_displayed(), "the progress bar shows while the file goes up")
        wait_for(admin, lambda d: d.find_elements(By.ID, "import-done"), "the good file is imported", seconds=120)
        counts = admin.find_element(By.CSS_SELECTOR, "#import-result .counts").text
        check("20000 rows read" in counts and "20000 inserted" in counts, f"every row read and inserted: {counts!r}")
        check(admin.find_element(By.ID, "upload-progress").get_attribute("value") == "100", "the progress bar ended full")
        admin.save_screenshot(os.path.join(args.out, "import-1280.png"))

        # A viewer sees the board and can change nothing.
        sign_in_as(viewer, base, "vera", password, lands="/board")
        check(viewer.find_elements(By.ID, "funnel-table"), "a viewer sees the week's funnel")
        posting = viewer.find_elements(By.CSS_SELECTOR, "main form[method=post]")
        check(not posting, f"the viewer's board has no form that changes anything ({len(posting)})")
        check(not viewer.find_elements(By.CSS_SELECTOR, "nav a[href='/board/lists']"), "a viewer has no lists tab")
        viewer.get(base + "/board/lists")
        wait_for(viewer, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Not yours", "a viewer opening the lists gets the 403 page")
    finally:
        quit_all(admin, manager, viewer)


if __name__ == "__main__":
    run(main)
