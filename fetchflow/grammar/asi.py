"""Automatic semicolon insertion (ES2017 11.9) over Lark's LALR tables.

The feeding loop in parser.py asks two questions of the parse table without
touching the real parser stacks:

* ``can_shift(stack, terminal)``: would this token be shifted (after the
  reductions LALR performs first)?  Simulated on a virtual stack, so a
  token rejected late (after LALR's merged-lookahead reductions) leaves the
  parser untouched and a semicolon can still be inserted before it.
* ``semicolon_allowed(stack)``: would an inserted `;` be accepted as the end
  of a statement?  11.9.1 forbids an insertion that would be parsed as an
  empty statement, and one inside a `for(;;)` header (the loop checks that).
"""
from __future__ import annotations

from typing import Any, Dict, FrozenSet, List, Optional



class _Rows(dict):
    """``table[state]``: a state's row ``{symbol: action}``, built from the compact rows the
    first time the state is reached.  A script visits a few dozen of the ~900 states, and
    building all rows up front was 4 ms of every process's first parse."""
    __slots__ = ("flat", "symbols", "actions")

    def __init__(self, flat: List[List[int]], symbols: List[str], actions: List[Any]) -> None:
        super().__init__()
        self.flat, self.symbols, self.actions = flat, symbols, actions

    def __missing__(self, state: Any) -> Dict[str, Any]:
        if state.__class__ is not int or not 0 <= state < len(self.flat):
            raise KeyError(state)
        flat = self.flat[state]
        # zip/map build the row in C
        row = dict(zip(map(self.symbols.__getitem__, flat[0::2]), map(self.actions.__getitem__, flat[1::2])))
        self[state] = row
        return row


class TableOracle:
    """A compact copy of the LALR table, and read-only queries on it.

    ``table[state][symbol]`` is an ``int`` (shift/goto target) or a tuple
    ``(size, origin, callback)`` for a reduction; ``callback`` is None for a
    `?rule` that passes its single child through, so the feeding loop can
    skip the call (most reductions in an expression chain are such).
    """

    def __init__(self, tables: Any, builder: Any) -> None:
        """``tables``: a grammar.tables.Tables (rows of symbol and action indices)."""
        self.end_state = tables.end_state
        rows = tables.rows
        n = len(rows)
        nred = len(tables.reductions)
        bound = [(size, origin, None if name is None else getattr(builder, name))
                 for size, origin, name in tables.reductions]
        self.table: Dict[Any, Dict[str, Any]] = _Rows(rows, tables.symbols, bound + list(range(n)))
        empty_ids = {i for i, (_, origin, _) in enumerate(tables.reductions) if origin == 'empty_stmt'}
        # states reached by shifting a `;` that begins an EmptyStatement
        self.empty_statement_states: FrozenSet[Any] = frozenset(
            state for state, flat in enumerate(rows) if not empty_ids.isdisjoint(flat[1::2]))
        self.memo: Dict[tuple, List[tuple]] = {}
        # states where a class element's name may come (ES2022 15.7 fields): after such a
        # name, only `static`/`get`/`set` may continue on the next line (parser.py); read off
        # the compact rows, so that no row is built for it
        index = {sym: i for i, sym in enumerate(tables.symbols)}
        class_key, field_init = index.get('class_key'), index.get('field_init')
        key_states = []
        for state, flat in enumerate(rows):
            syms = flat[0::2]
            if class_key in syms:
                act = flat[2 * syms.index(class_key) + 1]
                if act >= nred and field_init in rows[act - nred][0::2]:
                    key_states.append(state)
        self.class_key_states: FrozenSet[Any] = frozenset(key_states)

    def simulate(self, stack: List[Any], term: str) -> Optional[Any]:
        """The state reached by shifting ``term`` (or end_state for $END), or None.

        The answer depends only on the top ``depth`` states the simulated
        reductions looked at; it is memoised per (term, top state) together
        with that stack segment.
        """
        top = stack[-1]
        key = (term, top)
        entries = self.memo.get(key)
        if entries is not None:
            height = len(stack)
            for depth, segment, result in entries:
                if depth <= height and (depth == 1 or stack[height - depth:] == segment):
                    return result
        result, depth = self._simulate(stack, term)
        if entries is None:
            entries = self.memo[key] = []
        if len(entries) < 32:
            entries.append((depth, stack[len(stack) - depth:], result))
        return result

    def _simulate(self, stack: List[Any], term: str) -> tuple:
        table = self.table
        sp = len(stack)
        lowest = sp - 1            # lowest stack index the simulation read
        extra: List[Any] = []
        end_state = self.end_state
        while True:
            top = extra[-1] if extra else stack[sp - 1]
            if term == '$END' and top == end_state:
                return top, len(stack) - lowest
            act = table[top].get(term)
            if act is None:
                return None, len(stack) - lowest
            if act.__class__ is int:
                return act, len(stack) - lowest
            size = act[0]
            k = min(size, len(extra))
            if k:
                del extra[len(extra) - k:]
            sp -= size - k
            if not extra and sp - 1 < lowest:
                lowest = sp - 1
            top = extra[-1] if extra else stack[sp - 1]
            goto = table[top].get(act[1])
            if goto is None:
                return None, len(stack) - lowest
            extra.append(goto)
            if term == '$END' and goto == end_state:
                return goto, len(stack) - lowest

    def can_shift(self, stack: List[Any], term: str) -> bool:
        return self.simulate(stack, term) is not None

    def semicolon_allowed(self, stack: List[Any]) -> bool:
        target = self.simulate(stack, 'SEMICOLON')
        return target is not None and target not in self.empty_statement_states
