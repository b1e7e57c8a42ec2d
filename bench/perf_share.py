#!/usr/bin/env python3
"""Shares of a CPU profile, from `perf script -F ip,sym` output on stdin (frame-pointer call
chains, leaf first), restricted to the samples whose chain contains ROOT.

    perf_share.py ROOT [PATTERN ...]

Prints the share of all samples under ROOT, then what the leaf functions of those samples
belong to (the crate, or the allocator, memory copies, SQLite's C code), then for each PATTERN
the share of ROOT's samples with a frame whose name contains it (inclusive time)."""

import collections
import re
import sys

GROUPS = [
    ("order_portal", "our code"),
    ("tachys", "tachys (views to HTML)"),
    ("reactive_graph", "reactive_graph (owners, signals, context)"),
    ("leptos_router", "leptos_router"),
    ("leptos_meta", "leptos_meta"),
    ("leptos_axum", "leptos_axum"),
    ("leptos_server", "leptos_server (resources, actions)"),
    ("leptos", "leptos"),
    ("sqlx", "sqlx"),
    ("serde_json", "serde_json"),
    ("jiff", "jiff"),
    ("axum", "axum"),
    ("tower", "tower"),
    ("hyper", "hyper"),
    ("tokio", "tokio"),
    ("futures", "futures"),
    ("http", "http"),
    ("hashbrown", "hashbrown"),
]


def owner(symbol):
    """The path a symbol is named by: `<T as tachys::X>::f` and `<&str as tachys::X>::f` by
    the trait, `<tachys::Y as core::X>::f` by the type, `drop_in_place<tachys::Y>` by Y."""
    drop = re.match(r"core::ptr::drop_in_place<(.*)>$", symbol)
    if drop:
        return owner(drop.group(1))
    impl = re.match(r"<(.+?) as (.+?)>::", symbol)
    if impl:
        ty, trait = impl.groups()
        return ty if "::" in ty.split("<")[0] else trait
    return symbol.lstrip("<")


def group(symbol):
    bare = owner(symbol)
    for prefix, name in GROUPS:
        if bare.startswith(prefix + "::"):
            return name
    if re.match(r"(sqlite3|pcache|wal|btree|vdbe|json[A-Z])", bare):
        return "SQLite (C)"
    if re.search(r"mi_|malloc|free|__rust_(alloc|dealloc|realloc|no_alloc)", bare):
        return "allocator"
    if re.match(r"__mem(move|cpy|set|cmp|chr)|__memmove|core::slice::memchr", bare):
        return "memory copies and compares"
    if re.match(r"(core|alloc|std)::", bare):
        return "standard library"
    if bare.startswith("[k]") or re.match(r"(_raw_spin|finish_task_switch|clear_page|__schedule)", bare):
        return "kernel"
    return "other"


def samples(lines):
    chain = []
    for line in lines:
        line = line.strip()
        if not line:
            if chain:
                yield chain
            chain = []
            continue
        parts = line.split(None, 1)
        chain.append(re.sub(r"\+0x[0-9a-f]+$", "", parts[1] if len(parts) > 1 else "?"))
    if chain:
        yield chain


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root, patterns = sys.argv[1], sys.argv[2:]
    total, under = 0, []
    for chain in samples(sys.stdin):
        total += 1
        if any(root in frame for frame in chain):
            under.append(chain)
    if not under:
        sys.exit(f"no sample under {root!r} (of {total})")
    n = len(under)
    print(f"{n} of {total} samples ({100 * n / total:.1f} %) under {root}\n")
    print("leaf functions by where they belong (share of those samples):")
    groups = collections.Counter(group(chain[0]) for chain in under)
    for name, count in groups.most_common():
        print(f"  {100 * count / n:5.1f} %  {name}")
    if patterns:
        print("\ninclusive share of frames matching:")
        for pattern in patterns:
            count = sum(1 for chain in under if any(pattern in frame for frame in chain))
            print(f"  {100 * count / n:5.1f} %  {pattern}")


if __name__ == "__main__":
    main()
