#!/usr/bin/env python3
"""Statements per request, and the pgbench replay of a request's own transaction, from a
PostgreSQL server log written with log_statement = 'all' and log_line_prefix = '%m [%p] %v [%a] '.

  bench/statements.py count LOG REQUESTS LABEL
      prints one JSON line: the statements the requests ran (per request, by kind of statement),
      leaving out the dispatcher's transactions (they hold FOR UPDATE SKIP LOCKED or
      synchronous_commit) and the background work of the service (flag polling, LISTEN).
  bench/statements.py replay LOG TEAM_ID
      prints a pgbench script that runs what one team creation ran: the token's account lookup
      (outside the transaction, as the request does), then its transaction with the same statements
      and parameters, the new team's slug made unique (gen_random_uuid) and the new team's id
      taken from the team insert's RETURNING (\\gset) wherever the request used it.
"""
import json
import re
import sys
from collections import OrderedDict

LINE = re.compile(r"^\S+ \S+ \S+ \[(\d+)\] (\S*) \[([^\]]*)\] (LOG|DETAIL|ERROR|STATEMENT|WARNING|HINT|CONTEXT):  (.*)$")
# Only the service's statements: the benchmark's own psql and pgbench sessions are left out.
OTHER_CLIENTS = ("psql", "pgbench")
STATEMENT = re.compile(r"^(?:statement|execute [^:]+): (.*)$", re.S)
PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")
DISPATCHER = re.compile(r"SKIP LOCKED|synchronous_commit")
BACKGROUND = re.compile(r"organizations_feature_flag|\bLISTEN\b|pg_notify|pg_try_advisory|organizations_verification_run")


def read(path):
    """Statements in log order: dicts with pid, vxid, sql, params."""
    statements, last = [], None
    with open(path, encoding="utf-8", errors="replace") as log:
        for raw in log:
            line = raw.rstrip("\n")
            if line.startswith("\t") and last is not None and last.get("open"):
                last["sql"] += "\n" + line[1:]
                continue
            match = LINE.match(line)
            if not match:
                if last is not None:
                    last["open"] = False
                continue
            pid, vxid, application, level, message = match.groups()
            if last is not None:
                last["open"] = False
            if application in OTHER_CLIENTS:
                last = None
                continue
            if level == "LOG":
                found = STATEMENT.match(message)
                if found:
                    last = {"pid": pid, "vxid": vxid, "sql": found.group(1), "params": {}, "open": True}
                    statements.append(last)
                else:
                    last = None
            elif level == "DETAIL" and last is not None and message.startswith("parameters:"):
                last["params"] = {int(n): v for n, v in PARAMETER.findall(message)}
    return statements


def transactions(statements):
    groups = OrderedDict()
    for statement in statements:
        groups.setdefault((statement["pid"], statement["vxid"]), []).append(statement)
    return list(groups.values())


def kind(sql):
    text = " ".join(sql.split())
    if text == "":
        return "(empty query: connection check)"
    if text.upper() in ("BEGIN", "COMMIT", "ROLLBACK"):
        return text.upper()
    table = re.search(r"\b(?:FROM|INTO|UPDATE)\s+([a-z_]+)", text, re.I)
    verb = text.split()[0].upper()
    if verb == "WITH":
        verb = "WITH … " + (re.search(r"\b(INSERT|UPDATE|DELETE|SELECT)\b", text[5:], re.I) or ["", "?"])[1].upper()
    return verb + " " + (table.group(1) if table else text[:40])


def count(path, requests, label):
    kinds, total, dispatcher, background, dispatches, empty = OrderedDict(), 0, 0, 0, 0, 0
    for group in transactions(read(path)):
        text = "\n".join(s["sql"] for s in group)
        if DISPATCHER.search(text):
            dispatcher += len(group)
            if "organizations_team" in text:
                dispatches += 1
            else:
                empty += 1
            continue
        if BACKGROUND.search(text):
            background += len(group)
            continue
        for statement in group:
            k = kind(statement["sql"])
            kinds[k] = kinds.get(k, 0) + 1
            if not k.startswith("(empty"):
                total += 1
    per = {k: round(v / requests, 2) for k, v in kinds.items()}
    print(json.dumps({
        "label": label,
        "requests": requests,
        "statements_per_request": round(total / requests, 2),
        "round_trips_per_request": round((total - kinds.get("BEGIN", 0)) / requests, 2),
        "by_kind": per,
        "dispatcher_statements_per_request": round(dispatcher / requests, 2),
        "dispatches": dispatches,
        "empty_dispatches": empty,
        "background_statements": background,
    }, separators=(",", ":"), ensure_ascii=False))


def substitute(sql, params, replace):
    def value(match):
        n = int(match.group(1))
        return replace(n, params.get(n, "NULL"))
    return re.sub(r"\$(\d+)\b", value, sql)


def replay(path, team_id):
    statements = read(path)
    groups = transactions(statements)
    team_literal = "'%s'" % team_id
    create = next(g for g in groups
                  if any("INSERT INTO organizations_team" in s["sql"] for s in g)
                  and any(team_literal in s["params"].values() for s in g))
    # The account lookup of the same request: the last autocommit lookup on accounts_user before it.
    first = statements.index(create[0])
    lookup = next(s for s in reversed(statements[:first])
                  if "accounts_user" in s["sql"] and s["sql"].lstrip().upper().startswith("SELECT"))
    out = ["-- generated by bench/statements.py from the server's statement log: one team creation",
           substitute(lookup["sql"], lookup["params"], lambda n, v: v).strip() + ";"]
    for statement in create:
        sql = statement["sql"].strip()
        if sql.upper() in ("BEGIN", "COMMIT"):
            out.append(sql.upper() + ";")
            continue
        if "INSERT INTO organizations_team" in sql:
            slug = re.search(r"\(\s*:?\$?\w+\s*,\s*\$(\d+)", sql)
            slug_param = int(slug.group(1)) if slug else 2
            body = substitute(sql, statement["params"],
                              lambda n, v: "gen_random_uuid()::text" if n == slug_param else v)
            out.append(body + " \\gset new_")
            continue
        out.append(substitute(sql, statement["params"],
                              lambda n, v: ":new_id" if v == team_literal else v) + ";")
    print("\n".join(out))


if __name__ == "__main__":
    if sys.argv[1] == "count":
        count(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        replay(sys.argv[2], sys.argv[3])
