#!/usr/bin/python3
"""Verifies Silian's public record the way an outsider would: downloads /record.json and
recomputes every BLAKE2b-256 hash and link with Python's own hashlib, trusting nothing
the server computed.

    public_record_verify.py --url URL [--min-entries N] [--expect TEXT]
"""
import argparse
import hashlib
import json
import sys
import urllib.request



def field(value):
    """A field as its UTF-8 byte length, a colon and the bytes (see public_record.hpp)."""
    data = str(value).encode("utf-8")
    return str(len(data)).encode("ascii") + b":" + data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--min-entries", type=int, default=1)
    parser.add_argument("--expect", default="")
    args = parser.parse_args()
    with urllib.request.urlopen(args.url, timeout=10) as response:
        record = json.load(response)
    if record.get("algorithm") != "blake2b-256":
        print("FAIL algorithm " + str(record.get("algorithm")))
        return 1
    entries = record["entries"]
    if len(entries) < args.min_entries:
        print("FAIL only %d entries" % len(entries))
        return 1
    prev = ""
    for number, e in enumerate(entries, start=1):
        if e["seq"] != number:
            print("FAIL entry %d missing" % number)
            return 1
        if e["prev_hash"] != prev:
            print("FAIL entry %d does not follow the one before" % number)
            return 1
        canonical = b"".join(field(x) for x in (prev, e["seq"], e["at"], e["kind"], e["ref"],
                                                 e["title"], e["body"]))
        digest = hashlib.blake2b(canonical, digest_size=32).hexdigest()
        if digest != e["hash"]:
            print("FAIL entry %d: hash %s, recomputed %s" % (number, e["hash"], digest))
            return 1
        prev = e["hash"]
    if args.expect and not any(args.expect in e["body"] for e in entries):
        print("FAIL nothing mentions " + args.expect)
        return 1
    print("OK %d entries, head %s" % (len(entries), prev))
    return 0


if __name__ == "__main__":
    sys.exit(main())
