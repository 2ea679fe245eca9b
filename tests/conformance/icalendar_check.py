#!/usr/bin/python3
"""Fetches Silian's meeting calendar and parses it with python3-icalendar, as a calendar
client would: the feed must parse, carry the required properties, and hold the expected
meeting with its times in UTC.

    icalendar_check.py --url URL --expect-summary TEXT [--expect-location TEXT]
"""
import argparse
import sys
import urllib.request
from datetime import datetime, timezone

from icalendar import Calendar


def fail(message):
    print("FAIL " + message)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--expect-summary", required=True)
    parser.add_argument("--expect-location", default="")
    args = parser.parse_args()
    with urllib.request.urlopen(args.url, timeout=10) as response:
        content_type = response.headers.get("Content-Type", "")
        raw = response.read()
    if not content_type.startswith("text/calendar"):
        fail("content type " + content_type)
    text = raw.decode("utf-8")
    for line in text.split("\r\n"):
        if len(line.encode("utf-8")) > 75:
            fail("unfolded line longer than 75 octets: " + line[:40])
    if "\n" in text.replace("\r\n", ""):
        fail("bare LF line ending")
    calendar = Calendar.from_ical(raw)
    if calendar.name != "VCALENDAR":
        fail("not a VCALENDAR")
    if str(calendar.get("VERSION")) != "2.0" or not calendar.get("PRODID"):
        fail("VERSION 2.0 and PRODID are required")
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    if not events:
        fail("no VEVENT")
    uids = set()
    found = None
    for event in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            if event.get(prop) is None:
                fail("VEVENT without " + prop)
        uid = str(event.get("UID"))
        if uid in uids:
            fail("duplicate UID " + uid)
        uids.add(uid)
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        if not isinstance(start, datetime) or start.tzinfo is None:
            fail("DTSTART is not a UTC date-time")
        if start.utcoffset() != timezone.utc.utcoffset(None) or end <= start:
            fail("bad DTSTART/DTEND for " + uid)
        if args.expect_summary in str(event.get("SUMMARY")):
            found = event
    if found is None:
        fail("no event whose summary contains " + args.expect_summary)
    if args.expect_location and args.expect_location not in str(found.get("LOCATION", "")):
        fail("location of the expected event: " + str(found.get("LOCATION", "")))
    print("OK %d events" % len(events))


if __name__ == "__main__":
    main()
