#!/usr/bin/env python3
"""A flame-graph-style summary of JFR execution samples, as markdown.

  jfr print --events jdk.ExecutionSample --stack-depth 64 rec.jfr | bench/profile.py

Two tables: per concern, the share of samples *inclusively* (the concern's code anywhere on the
stack: the width of its tower in a flame graph; nested concerns overlap) and *own* (the innermost
concern on the stack: each sample counts once, JDK frames go to the concern that called them, so
the column sums to 100 %); then the leaf frames' packages (self time). Dispatcher threads are told
apart by their name.
"""
import re
import sys
from collections import Counter

# Concerns in stack order from the outside in; each is a regex on a frame's qualified method.
CONCERNS = [
    ("dispatcher thread (outbox-dispatcher-*)", None),
    ("HTTP: Tomcat (parse, write, keep-alive)", r"^org\.apache\.(coyote|tomcat|catalina)\."),
    ("Spring Security filter chain", r"^org\.springframework\.security\.web\."),
    ("JWT decode + verify (Nimbus)", r"^(com\.nimbusds\.|org\.springframework\.security\.oauth2\.jwt\.)"),
    ("token's account lookup (Tokens)", r"^gg\.deltacrown\.web\.Tokens"),
    ("throttle filter", r"^gg\.deltacrown\.web\.ThrottleFilter"),
    ("Spring MVC dispatch + argument resolution", r"^org\.springframework\.web\.servlet\."),
    ("JSON (Jackson)", r"^tools\.jackson\."),
    ("team creation (Teams.create)", r"^gg\.deltacrown\.teams\.Teams\.create"),
    ("dual-write enqueue (DualWrite.record)", r"^gg\.deltacrown\.migration\.DualWrite\.record"),
    ("transactions (Spring TX)", r"^org\.springframework\.(transaction|jdbc\.datasource)\."),
    ("JDBC: pgjdbc", r"^org\.postgresql\."),
    ("connection pool (HikariCP)", r"^com\.zaxxer\.hikari\."),
    ("logging (SLF4J/Logback/logfmt)", r"^(ch\.qos\.logback\.|org\.slf4j\.|gg\.deltacrown\.logging\.)"),
    ("metrics (Micrometer)", r"^io\.micrometer\."),
    ("the service's own code (gg.deltacrown)", r"^gg\.deltacrown\."),
    ("GC / JIT / JVM (no Java frame)", None),
]


def samples(stream):
    thread, frames, inside = "", [], False
    for line in stream:
        line = line.strip()
        if line.startswith("sampledThread"):
            found = re.search(r'"([^"]*)"', line)
            thread = found.group(1) if found else ""
        elif line.startswith("stackTrace = ["):
            frames, inside = [], True
        elif inside and line.startswith("]"):
            inside = False
            yield thread, frames
        elif inside and line and not line.startswith("..."):
            frames.append(line.split("(")[0])


def main():
    inclusive, own, leaves, total = Counter(), Counter(), Counter(), 0
    compiled = [(name, re.compile(rx) if rx else None) for name, rx in CONCERNS]
    for thread, frames in samples(sys.stdin):
        total += 1
        dispatcher = thread.startswith("outbox-dispatcher")
        if dispatcher:
            inclusive[CONCERNS[0][0]] += 1
        if not frames:
            inclusive[CONCERNS[-1][0]] += 1
            own[CONCERNS[-1][0]] += 1
            continue
        for name, rx in compiled:
            if rx is not None and any(rx.search(frame) for frame in frames):
                inclusive[name] += 1
        innermost = next((name for frame in frames for name, rx in compiled if rx is not None and rx.search(frame)),
                         CONCERNS[0][0] if dispatcher else "other (JDK, Spring core, application code)")
        if dispatcher and innermost in ("JDBC: pgjdbc", "connection pool (HikariCP)", "transactions (Spring TX)",
                                        "logging (SLF4J/Logback/logfmt)", "metrics (Micrometer)"):
            innermost = CONCERNS[0][0] + ": " + innermost
        elif dispatcher:
            innermost = CONCERNS[0][0]
        own[innermost] += 1
        leaf = frames[0]
        parts = leaf.split(".")
        package = ".".join(p for p in parts[:-2] if p[:1].islower())[:60] or leaf
        leaves[package] += 1
    if total == 0:
        print("(no samples)")
        return
    print(f"{total} samples.\n")
    print("| concern | inclusive | own |\n|---|---|---|")
    names = [name for name, _ in CONCERNS] + sorted(k for k in own if k not in dict(CONCERNS))
    for name in names:
        if inclusive[name] or own[name]:
            print(f"| {name} | {100 * inclusive[name] / total:.1f} % | {100 * own[name] / total:.1f} % |")
    print("\nSelf time by the leaf frame's package (top 12):\n")
    print("| package | share |\n|---|---|")
    for package, n in leaves.most_common(12):
        print(f"| `{package}` | {100 * n / total:.1f} % |")


if __name__ == "__main__":
    main()
