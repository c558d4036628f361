"""Error and the native errors (ES2017 19.5): differential tests with node.

Programs avoid printing stack frames (node's and fetchflow's call sites differ)."""
from __future__ import annotations

import pytest

from .core_helpers import check_like_node


PROGRAMS = [
    "const e = new Error('boom'); console.log(e.message, e.name, String(e), e instanceof Error, typeof e.stack)",
    "const e = Error('called'); console.log(e.message, e instanceof Error, Object.prototype.toString.call(e))",
    "console.log(new Error().message === '', Object.keys(new Error('x')), Object.getOwnPropertyNames(new Error('x')), Object.getOwnPropertyNames(new Error()))",
    "console.log(new Error(undefined).hasOwnProperty('message'), new Error(null).message, new Error(42).message, new Error({toString() { return 'obj' }}).message)",
    "for (const C of [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]) { const e = new C('m'); console.log(C.name, C.length, e.name, String(e), e instanceof C, e instanceof Error, Object.getPrototypeOf(C) === Error, Object.getPrototypeOf(C.prototype) === Error.prototype) }",
    "console.log(Object.getOwnPropertyNames(Error.prototype), Object.getOwnPropertyNames(TypeError.prototype), Error.prototype.message === '', TypeError.prototype.name)",
    "console.log(Object.prototype.toString.call(Error.prototype), Object.prototype.toString.call(TypeError.prototype), Error.prototype.toString())",
    "const ts = Error.prototype.toString; console.log(ts.call({}), ts.call({name: 'N'}), ts.call({message: 'M'}), ts.call({name: '', message: 'M'}), ts.call({name: 'N', message: ''}), ts.call({name: undefined, message: undefined}))",
    "try { Error.prototype.toString.call(1) } catch (e) { console.log(e.message) }",
    "class MyError extends Error { constructor(m) { super(m); this.name = 'MyError' } } const e = new MyError('bad'); console.log(String(e), e instanceof MyError, e instanceof Error, e.stack.split('\\n')[0], Object.prototype.toString.call(e))",
    "class AppError extends Error {} const e = new AppError('x'); console.log(e.name, e.constructor.name, String(e), e.stack.split('\\n')[0])",
    "class HttpError extends Error { constructor(status) { super('HTTP ' + status); this.status = status } } try { throw new HttpError(404) } catch (e) { console.log(e.message, e.status, e instanceof HttpError) }",
    "const e = new Error('x'); e.name = 'Custom'; console.log(e.stack.split('\\n')[0], String(e))",
    "const e = new Error('x'); e.stack; e.name = 'Late'; console.log(e.stack.split('\\n')[0], String(e))",
    "const e = new Error('x'); e.message = 'changed'; console.log(e.stack.split('\\n')[0])",
    "const e = new TypeError('t'); delete e.stack; console.log(e.stack, 'stack' in e)",
    "try { null.x } catch (e) { console.log(e instanceof TypeError, e.constructor === TypeError, Object.getOwnPropertyNames(e)) }",
    "try { undefinedVariable } catch (e) { console.log(e.name, e.message, e instanceof ReferenceError) }",
    "try { decodeURIComponent('%') } catch (e) { console.log(e.name, e.message, e instanceof URIError) }",
    "try { new Array(-1) } catch (e) { console.log(e.name, e instanceof RangeError) }",
    "function F() {} F.prototype = Object.create(Error.prototype); const f = new F(); console.log(f instanceof Error, Object.prototype.toString.call(f), String(f))",
    "const e = Reflect.construct(Error, ['r'], TypeError); console.log(e instanceof TypeError, e.name, String(e))",
    "console.log(Error.length, Error.name, typeof Error.captureStackTrace, Error.stackTraceLimit)",
    "const o = {}; Error.captureStackTrace(o); console.log(typeof o.stack, o.stack.split('\\n')[0], Object.keys(o))",
    "const e = new Error('x', {cause: 'c'}); console.log(e.message)",
    "try { throw new RangeError('out of range') } catch ({name, message}) { console.log(name + ' - ' + message) }",
    "const err = new Error('msg'); console.log(JSON.stringify(err), Object.assign({}, err))",
    "console.log(`${new SyntaxError('s')}`, new EvalError('e') + '', [new URIError('u')].join())",
    # uncaught errors: node prints the stack, whose first line is compared
    "console.log('before'); throw new TypeError('boom')",
    "class MyErr extends Error {} throw new MyErr('m')",
    "class NamedError extends Error { constructor(m) { super(m); this.name = 'NamedError' } } throw new NamedError('n')",
    "const e = new Error('x'); e.name = 'FooError'; throw e",
    "function thrower() { throw new RangeError('deep') } function mid() { thrower() } mid()",
    "decodeURIComponent('%')",
    "Symbol() + ''",
]


@pytest.mark.parametrize("src", PROGRAMS)
def test_error_like_node(src: str) -> None:
    check_like_node(src)
