"""Mutants of a module: small AST changes of the kinds a person gets wrong.

Each mutant changes one node inside a function (or one module-level constant)
and knows the lines it touches, the function it lives in and a stable id
(`path::function::before -> after`, numbered when the same change repeats) by
which equivalent mutants are listed in mutation.toml.
"""

import ast
import copy
from dataclasses import dataclass, field

# Comparison flips (negation) and boundary shifts.
COMPARE = {
    ast.Eq: [ast.NotEq],
    ast.NotEq: [ast.Eq],
    ast.Lt: [ast.GtE, ast.LtE],
    ast.LtE: [ast.Gt, ast.Lt],
    ast.Gt: [ast.LtE, ast.GtE],
    ast.GtE: [ast.Lt, ast.Gt],
    ast.In: [ast.NotIn],
    ast.NotIn: [ast.In],
    ast.Is: [ast.IsNot],
    ast.IsNot: [ast.Is],
}
# Query methods whose keyword (and Q) arguments are filters or written values.
FILTER_METHODS = {
    "filter",
    "exclude",
    "get",
    "get_or_create",
    "update_or_create",
    "update",
    "Q",
}
KINDS = ("compare", "boundary", "bool", "condition", "remove", "filter", "number")


@dataclass
class Mutant:
    path: str  # relative to the project root
    module: str  # dotted module name
    qualname: str | None  # top-level function or method; None for module level
    kind: str
    description: str
    lines: tuple[int, int]
    tree: ast.Module = field(repr=False)
    statement: ast.stmt | None = field(default=None, repr=False)  # module level
    id: str = ""


def _unparse(node) -> str:
    text = ast.unparse(node)
    text = " ".join(text.split())
    return text if len(text) <= 90 else text[:87] + "..."


def _is_logger_call(node) -> bool:
    func = node.func if isinstance(node, ast.Call) else None
    while isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Name) and func.value.id in {"logger", "logging"}:
            return True
        func = func.value
    return False


def _call_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def _assigned_names(node) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


class _Finder(ast.NodeVisitor):
    """Walk a module, yielding (node, parent_field_info, qualname) candidates."""

    def __init__(self, functions):
        self.functions = functions  # None: all; else qualname prefixes
        self.stack: list[str] = []
        self.top: str | None = None
        self.sites: list[tuple[ast.AST, str | None]] = []

    def _wanted(self, qualname):
        if self.functions is None:
            return True
        return any(
            qualname == f or qualname.startswith(f + ".") for f in self.functions
        )

    def visit_ClassDef(self, node):
        self.stack.append(node.name)
        for child in node.body:
            self.visit(child)
        self.stack.pop()

    def visit_FunctionDef(self, node):
        if self.top is not None:
            for child in node.body:
                self.visit(child)
            return
        qualname = ".".join([*self.stack, node.name])
        if not self._wanted(qualname):
            return
        self.top = qualname
        for child in node.body:
            self.visit(child)
        self.top = None

    visit_AsyncFunctionDef = visit_FunctionDef

    def generic_visit(self, node):
        if self.top is not None and not isinstance(node, ast.expr_context):
            self.sites.append((node, self.top))
        super().generic_visit(node)


def _module_constants(tree):
    """Module-level `NAME = <numbers>` assignments (limits, shares, sizes)."""
    for index, stmt in enumerate(tree.body):
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
            numbers = [
                n
                for n in ast.walk(stmt.value)
                if isinstance(n, ast.Constant)
                and isinstance(n.value, int | float)
                and not isinstance(n.value, bool)
            ]
            if numbers:
                yield index, stmt, numbers


def _number_changes(value):
    if isinstance(value, float):
        return [value * 2]
    changes = [value + 1]
    if value != 0:
        changes.append(value - 1)
    return changes


def mutants_of(path: str, module: str, source: str, functions=None) -> list[Mutant]:
    """Every mutant of `source`; `functions` limits them to those qualnames."""
    tree = ast.parse(source)
    found: list[Mutant] = []

    def add(kind, qualname, original, changed_tree, node, after, statement=None):
        found.append(
            Mutant(
                path=path,
                module=module,
                qualname=qualname,
                kind=kind,
                description=f"{_unparse(original)} -> {after}",
                lines=(node.lineno, node.end_lineno or node.lineno),
                tree=changed_tree,
                statement=statement,
            )
        )

    def mutate(node, change):
        """A deep copy of the module with `change` applied to the copy of node."""
        marker = "_mutation_target"
        setattr(node, marker, True)
        try:
            changed = copy.deepcopy(tree)
        finally:
            delattr(node, marker)
        for candidate in ast.walk(changed):
            if getattr(candidate, marker, False):
                delattr(candidate, marker)
                change(candidate)
                ast.fix_missing_locations(changed)
                return changed, candidate
        raise RuntimeError("mutation target lost")

    finder = _Finder(functions)
    finder.visit(tree)
    parents = {
        child: parent
        for parent in ast.walk(tree)
        for child in ast.iter_child_nodes(parent)
    }

    def context(node):
        """The statement around `node`, for ids that say where a number is."""
        while not isinstance(node, ast.stmt) and node in parents:
            node = parents[node]
        if isinstance(node, ast.If | ast.While):
            return node.test
        return node

    for node, qualname in finder.sites:
        # Comparisons: flips and boundaries.
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            for index, new_op in enumerate(COMPARE.get(type(node.ops[0]), [])):
                kind = "compare" if index == 0 else "boundary"

                def change(n, new_op=new_op):
                    n.ops = [new_op()]

                changed, copied = mutate(node, change)
                add(kind, qualname, node, changed, node, _unparse(copied))
        # and <-> or, drop a `not`.
        if isinstance(node, ast.BoolOp):

            def change(n):
                n.op = ast.Or() if isinstance(n.op, ast.And) else ast.And()

            changed, copied = mutate(node, change)
            add("bool", qualname, node, changed, node, _unparse(copied))
        # Forced conditions.
        if isinstance(node, ast.If | ast.While | ast.IfExp) and not isinstance(
            node.test, ast.Constant
        ):
            for forced in (True, False):

                def change(n, forced=forced):
                    n.test = ast.Constant(value=forced)

                changed, _copied = mutate(node, change)
                add(
                    "condition",
                    qualname,
                    node.test,
                    changed,
                    node.test,
                    str(forced),
                )
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            changed, _copied = _replace(tree, node, node.operand)
            add("condition", qualname, node, changed, node, _unparse(node.operand))
        # Removed statements: raise, calls, assignments to attributes/items, and
        # re-assignments of a name from itself (`now = now or timezone.now()`).
        removable = False
        if isinstance(node, ast.Raise):
            removable = True
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            removable = not _is_logger_call(node.value)
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if isinstance(node, ast.AugAssign) or any(
                isinstance(t, ast.Attribute | ast.Subscript) for t in targets
            ):
                removable = True
            elif _assigned_names(ast.Tuple(elts=targets)) & _assigned_names(node.value):
                removable = True
        if removable:
            changed, _copied = _replace(tree, node, ast.Pass())
            add("remove", qualname, node, changed, node, "pass")
        # Dropped filters and written values.
        if isinstance(node, ast.Call) and _call_name(node) in FILTER_METHODS:
            for index, keyword in enumerate(node.keywords):
                if keyword.arg is None:
                    continue

                def change(n, index=index):
                    del n.keywords[index]

                changed, copied = mutate(node, change)
                add(
                    "filter",
                    qualname,
                    node,
                    changed,
                    keyword.value,
                    f"without {keyword.arg}=",
                )
            if _call_name(node) in {"filter", "exclude"}:
                for index, arg in enumerate(node.args):

                    def change(n, index=index):
                        del n.args[index]

                    changed, copied = mutate(node, change)
                    add(
                        "filter",
                        qualname,
                        node,
                        changed,
                        arg,
                        f"without {_unparse(arg)}",
                    )
        # Numbers (not in logging calls: they have none worth changing).
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, int | float)
            and not isinstance(node.value, bool)
        ):
            for value in _number_changes(node.value):

                def change(n, value=value):
                    n.value = value

                changed, _copied = mutate(node, change)
                add("number", qualname, node, changed, node, repr(value))
                found[
                    -1
                ].description = (
                    f"{_unparse(context(node))}: {node.value!r} -> {value!r}"
                )

    constants = _module_constants(tree) if functions is None else []
    for index, stmt, numbers in constants:
        for number in numbers:
            for value in _number_changes(number.value):

                def change(n, value=value):
                    n.value = value

                changed, _copied = mutate(number, change)
                add(
                    "number",
                    None,
                    stmt,
                    changed,
                    number,
                    f"{number.value} -> {value}",
                    statement=changed.body[index],
                )
                found[-1].description = f"{_unparse(stmt)}: {number.value} -> {value}"

    seen: dict[str, int] = {}
    for mutant in found:
        base = f"{path}::{mutant.qualname or '<module>'}::{mutant.description}"
        seen[base] = seen.get(base, 0) + 1
        mutant.id = base if seen[base] == 1 else f"{base} #{seen[base]}"
    return found


def _replace(tree, node, replacement):
    """A copy of `tree` with `node` replaced by `replacement` in its parent."""
    marker = "_mutation_target"
    setattr(node, marker, True)
    try:
        changed = copy.deepcopy(tree)
    finally:
        delattr(node, marker)
    for parent in ast.walk(changed):
        for name, value in ast.iter_fields(parent):
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if getattr(item, marker, False):
                        new = copy.deepcopy(replacement)
                        ast.copy_location(new, item)
                        value[i] = new
                        ast.fix_missing_locations(changed)
                        return changed, new
            elif getattr(value, marker, False):
                new = copy.deepcopy(replacement)
                ast.copy_location(new, value)
                setattr(parent, name, new)
                ast.fix_missing_locations(changed)
                return changed, new
    raise RuntimeError("mutation target lost")
