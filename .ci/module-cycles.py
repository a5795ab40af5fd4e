#!/usr/bin/env python3
"""Import circles between the library's modules, from cargo-modules' dependency graph.

    cargo modules dependencies --lib --no-externs --no-sysroot --layout dot \
        | .ci/module-cycles.py [MODULE ...]

cargo-modules' own `--acyclic` works on items, not modules: a type and a method that returns
it already count as a cycle there, so it fails on every crate. This lifts each "uses" edge of
its graph to the modules that hold the two items (an item in `a::b::Type::method` belongs to
`a::b`) and lists the strongly connected sets of modules: each is a circle of imports. With
MODULE arguments (e.g. `emulator cli`) only circles touching those modules (or modules under
them) count. Prints each circle; exits 1 if there is one, 0 if none.
"""

import re
import sys

NODE = re.compile(r'^\s*"([^"]+)" \[label="[^"]*".*// "(\w+)" node')
USES = re.compile(r'^\s*"([^"]+)" -> "([^"]+)" \[label="uses".*// "uses" edge')


def read_graph(lines):
    kinds, uses = {}, []
    for line in lines:
        if m := NODE.match(line):
            kinds[m.group(1)] = m.group(2)
        elif m := USES.match(line):
            uses.append((m.group(1), m.group(2)))
    return kinds, uses


def module_of(path, modules):
    """The innermost module whose path is `path` or a prefix of it."""
    parts = path.split("::")
    for end in range(len(parts), 0, -1):
        candidate = "::".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def strongly_connected(nodes, edges):
    """Tarjan's algorithm, iterative: the components with more than one node."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(sorted(edges.get(succ, ())))))
                    advanced = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def main():
    kinds, uses = read_graph(sys.stdin)
    modules = {path for path, kind in kinds.items() if kind in ("mod", "crate")}
    if not modules:
        print("module-cycles: no modules in the input (was it cargo-modules' DOT?)", file=sys.stderr)
        return 2
    crate = min(modules, key=len)
    edges, why = {}, {}
    for source, target in uses:
        a, b = module_of(source, modules), module_of(target, modules)
        if a and b and a != b:
            edges.setdefault(a, set()).add(b)
            why.setdefault((a, b), (source, target))
    scopes = [f"{crate}::{name}" for name in sys.argv[1:]]

    def in_scope(module):
        return not scopes or any(module == s or module.startswith(s + "::") for s in scopes)

    circles = [c for c in strongly_connected(sorted(modules), edges) if any(map(in_scope, c))]
    for circle in circles:
        print("circle: " + ", ".join(circle))
        members = set(circle)
        for a in circle:
            for b in sorted(edges.get(a, ())):
                if b in members:
                    source, target = why[(a, b)]
                    print(f"    {a} -> {b}   ({source} uses {target})")
    where = " in " + ", ".join(sys.argv[1:]) if scopes else ""
    print(f"module-cycles: {len(circles)} circle(s){where}")
    return 1 if circles else 0


if __name__ == "__main__":
    sys.exit(main())
