#!/usr/bin/env python3
"""Reads iCalendar files with python3-icalendar (Debian's), as a second real
parser beside libical. For each file prints "FILE<TAB>calendar", then one line
"FILE<TAB>UID SEQUENCE STATUS" per VEVENT and VTODO. Exits 1 naming the file
when one does not parse, holds a property icalendar could not read, or has a
component without UID, DTSTAMP or SEQUENCE."""

import sys

import icalendar


def main(paths):
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        try:
            calendar = icalendar.Calendar.from_ical(data)
        except ValueError as e:
            print(f"{path}: icalendar could not parse it: {e}", file=sys.stderr)
            return 1
        print(f"{path}\tcalendar")
        for component in calendar.walk():
            if component.errors:
                print(f"{path}: {component.name}: {component.errors}", file=sys.stderr)
                return 1
            if component.name not in ("VEVENT", "VTODO"):
                continue
            for needed in ("UID", "DTSTAMP", "SEQUENCE"):
                if needed not in component:
                    print(f"{path}: a {component.name} without {needed}", file=sys.stderr)
                    return 1
            status = str(component.get("STATUS", ""))
            print(f"{path}\t{component['UID']} {int(component['SEQUENCE'])} {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
