"""Generator objects (ES2017 25.2, 25.3): %GeneratorFunction%, %Generator%, %GeneratorPrototype%.

next/return/throw are registered as generator natives so the machine resumes the
generator's frames on its own stack (see Machine.call_value / resume_generator).
"""
from __future__ import annotations

from typing import Any

from ..natives import native
from ..values import C, SYM_TO_STRING_TAG, JSObject


@native("Generator.prototype.next", 1, gen=True)
def generator_next(this: Any, args: list) -> Any:  # pragma: no cover - dispatched by the machine
    raise AssertionError("resumed by the machine")


@native("Generator.prototype.return", 1, gen=True)
def generator_return(this: Any, args: list) -> Any:  # pragma: no cover
    raise AssertionError("resumed by the machine")


@native("Generator.prototype.throw", 1, gen=True)
def generator_throw(this: Any, args: list) -> Any:  # pragma: no cover
    raise AssertionError("resumed by the machine")


def setup(realm: Any) -> None:
    it_proto = realm.intr.get("IteratorPrototype") or realm.object_prototype
    gen_proto = JSObject(it_proto)  # %GeneratorPrototype%
    for name in ("next", "return", "throw"):
        realm.method(gen_proto, name, f"Generator.prototype.{name}")
    gen_proto.put_hidden(SYM_TO_STRING_TAG, "Generator", C)
    generator = JSObject(realm.function_prototype)  # %Generator% (GeneratorFunction.prototype)
    generator.put_hidden("prototype", gen_proto, C)
    generator.put_hidden(SYM_TO_STRING_TAG, "GeneratorFunction", C)
    gen_proto.put_hidden("constructor", generator, C)
    realm.intr["Generator"] = generator
    realm.intr["GeneratorPrototype"] = gen_proto
    async_proto = JSObject(realm.function_prototype)
    async_proto.put_hidden(SYM_TO_STRING_TAG, "AsyncFunction", C)
    realm.intr["AsyncFunctionPrototype"] = async_proto
